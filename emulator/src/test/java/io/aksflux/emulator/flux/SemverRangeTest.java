package io.aksflux.emulator.flux;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The semver ranges Flux's GitRepository accepts, over a repository's tags. */
class SemverRangeTest {
    private static final List<String> TAGS = List.of("v1.0.0", "v1.3.9", "v1.4.0", "v1.4.2", "1.5.0", "v2.0.0", "v2.1.0-rc.1", "latest");

    private static String highest(String range) {
        return SemverRange.parse(range).highest(TAGS).orElse("none");
    }

    @Test
    void comparators_joined_by_a_space_or_a_comma_all_hold() {
        assertThat(highest(">=1.0.0 <2.0.0")).isEqualTo("1.5.0");
        assertThat(highest(">= 1.0.0, < 1.5.0")).isEqualTo("v1.4.2");
        assertThat(highest("!=1.5.0 <2")).isEqualTo("v1.4.2");
    }

    @Test
    void tilde_keeps_the_minor_and_caret_the_major() {
        assertThat(highest("~1.4.0")).isEqualTo("v1.4.2");
        assertThat(highest("~1.3")).isEqualTo("v1.3.9");
        assertThat(highest("^1.3.0")).isEqualTo("1.5.0");
        assertThat(SemverRange.parse("^0.2.3").highest(List.of("0.2.9", "0.3.0")).orElseThrow()).isEqualTo("0.2.9");
    }

    @Test
    void wildcards_and_partial_versions_match_what_they_leave_open() {
        assertThat(highest("1.4.x")).isEqualTo("v1.4.2");
        assertThat(highest("1.x")).isEqualTo("1.5.0");
        assertThat(highest("*")).isEqualTo("v2.0.0");
        assertThat(highest("<=1.4")).isEqualTo("v1.4.2");
        assertThat(highest(">1.4 <2")).isEqualTo("1.5.0");
        assertThat(SemverRange.parse(">1.4").matches("v1.4.2")).isFalse();
    }

    @Test
    void alternatives_match_either_side() {
        assertThat(highest("~1.3 || ~1.0")).isEqualTo("v1.3.9");
    }

    @Test
    void a_pre_release_matches_only_a_range_that_names_one() {
        assertThat(highest(">=2.0.0")).isEqualTo("v2.0.0");
        assertThat(highest(">=2.1.0-rc.0")).isEqualTo("v2.1.0-rc.1");
    }

    @Test
    void nothing_in_range_finds_nothing_and_a_broken_range_is_refused() {
        assertThat(highest(">=3")).isEqualTo("none");
        assertThatThrownBy(() -> SemverRange.parse(">=one")).hasMessage("improper constraint: >=one");
    }
}

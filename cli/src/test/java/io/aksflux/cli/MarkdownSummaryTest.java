package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.engine.EstateResult;
import io.aksflux.error.Blocker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary Azure DevOps shows on a run's page: one table row per environment, whatever its messages hold. */
class MarkdownSummaryTest {
    private static final Instant STARTED = Instant.parse("2026-12-02T06:00:00Z");

    private static String summary() {
        ApplyResult snd4 = new ApplyResult("snd4", ApplyResult.Outcome.CONVERGED, List.of(), List.of());
        ProvisioningFailedException tst1 = new ProvisioningFailedException("extension flux Failed",
                List.of(new Blocker("HelmRelease", "flux-config/ffc-demo-web", "Failed", "values | key: a|b\nsecond line <b>bold</b>")));
        EstateResult result = new EstateResult(List.of(EstateResult.Entry.applied(snd4, Duration.ofSeconds(42)),
                EstateResult.Entry.failed("tst1", tst1, Duration.ofSeconds(185))));
        return MarkdownSummary.render(EstateReport.of("aksflux apply", STARTED, STARTED.plusSeconds(200),
                List.of(Estate.environment("snd4"), Estate.environment("tst1"), Estate.environment("prd1")), result));
    }

    @Test
    void a_heading_with_the_outcome_then_one_row_per_environment() {
        List<String> lines = summary().lines().toList();

        assertThat(lines.get(0)).isEqualTo("### aksflux apply: FAILED (1 FAILED, 1 converged, 1 not run)");
        assertThat(lines).contains("| Environment | Outcome | Time | What blocked |");
        assertThat(lines).filteredOn(l -> l.startsWith("| ") && !l.startsWith("| Environment")).hasSize(3);
        assertThat(lines).contains("| snd4 | converged | 0m42s |  |", "| prd1 | not run | 0m00s |  |");
    }

    @Test
    void pipes_line_breaks_and_markup_in_a_message_stay_inside_their_cell() {
        String tst1 = summary().lines().filter(l -> l.startsWith("| tst1 ")).findFirst().orElseThrow();

        assertThat(tst1).isEqualTo("| tst1 | FAILED | 3m05s | HelmRelease flux-config/ffc-demo-web: Failed: values \\| key: a\\|b"
                + " second line &lt;b&gt;bold&lt;/b&gt; |");
        assertThat(tst1.replace("\\|", "").chars().filter(c -> c == '|').count()).as("five cell borders, four cells").isEqualTo(5);
    }
}

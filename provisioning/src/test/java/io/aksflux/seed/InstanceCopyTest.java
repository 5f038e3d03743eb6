package io.aksflux.seed;

import io.aksflux.seed.InstanceCopy;
import io.aksflux.environment.EnvironmentName;
import io.aksflux.error.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which instance tokens a copy rewrites, and which look alike but are left alone. */
class InstanceCopyTest {
    private final InstanceCopy snd4to5 = new InstanceCopy(EnvironmentName.parse("snd4").orElseThrow(), EnvironmentName.parse("snd5").orElseThrow());

    @Test
    void instance_paths_and_names_are_rewritten_in_every_spelling() {
        assertThat(snd4to5.rewrite("path: ./services/environments/snd/04\n")).isEqualTo("path: ./services/environments/snd/05\n");
        assertThat(snd4to5.rewrite("name: powershell-executor-snd-04\n")).isEqualTo("name: powershell-executor-snd-05\n");
        assertThat(snd4to5.rewrite("a: snd04 SND04 Snd_04 snd4 SND-4\n")).isEqualTo("a: snd05 SND05 Snd_05 snd5 SND-5\n");
    }

    @Test
    void numbers_versions_and_other_names_that_contain_the_instance_are_left_alone() {
        String untouched = "tag: 3.3.1\nreplicaCount: 4\nversion: v1.04\ncluster: SNDADPINFAK1404\nid: snd040 snd44 xsnd04 04 4\n";
        assertThat(snd4to5.rewrite(untouched)).isEqualTo(untouched);
        assertThat(new InstanceCopy(EnvironmentName.parse("snd3").orElseThrow(), EnvironmentName.parse("snd5").orElseThrow())
                .rewrite("replicaCount: 3\ntag: 3.3.1\npath: snd/03\n")).isEqualTo("replicaCount: 3\ntag: 3.3.1\npath: snd/05\n");
    }

    @Test
    void another_code_is_refused() {
        assertThatThrownBy(() -> new InstanceCopy(EnvironmentName.parse("tst1").orElseThrow(), EnvironmentName.parse("snd5").orElseThrow()))
                .isInstanceOf(UsageException.class).hasMessageContaining("another environment code");
    }
}

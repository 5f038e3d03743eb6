package io.aksflux.apply;

import io.aksflux.environment.Environment;
import io.aksflux.error.UsageException;
import io.aksflux.support.FakeArm;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestroyerTest {
    private final Environment snd4 = Workspaces.shipped().environment("snd4", List.of());
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final FakeArm arm = FakeArm.healthy(snd4);

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path repos;

    /** Applies snd4 (seeding local bare repositories, same ARM ids) so there is something to destroy. */
    private Destroyer destroyer() {
        Environment seeded = new io.aksflux.support.SeedFixture(repos).environment("snd4");
        var desired = io.aksflux.desired.DesiredState.of(seeded, io.aksflux.template.TemplateSource.directory(Workspaces.templates()));
        new Provisioner(arm, io.aksflux.support.SeedFixture.localRemote(), ticker.pacing(), new RecordingProgress())
                .apply(new ApplyRequest(seeded, desired, Set.of(), true, Duration.ofMinutes(5), false));
        return new Destroyer(arm, ticker.pacing(), new RecordingProgress());
    }

    @Test
    void pruning_kustomizations_need_explicit_consent() {
        Destroyer destroyer = destroyer();
        int writes = arm.writes().size();

        assertThatThrownBy(() -> destroyer.destroy(new Destroyer.Request(snd4, false, false, false)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("[cluster, infra, services]").hasMessageContaining("confirm the deletion to go on");
        assertThat(arm.writes()).hasSize(writes);
    }

    @Test
    void the_flux_configuration_goes_before_the_extension() {
        List<String> deleted = destroyer().destroy(new Destroyer.Request(snd4, true, false, false));

        assertThat(deleted).containsExactly("flux configuration flux-config", "extension flux");
        assertThat(arm.writes()).extracting(FakeArm.Request::toString).endsWith(
                "DELETE Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config", "DELETE Microsoft.KubernetesConfiguration/extensions/flux");
    }

    @Test
    void keep_extension_and_force_are_honoured() {
        destroyer().destroy(new Destroyer.Request(snd4, true, true, true));

        assertThat(arm.writes()).extracting(FakeArm.Request::toString)
                .endsWith("DELETE(force) Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config")
                .noneMatch(r -> r.contains("DELETE") && r.contains("extensions"));
    }

    @Test
    void destroying_twice_deletes_nothing_the_second_time() {
        Destroyer destroyer = destroyer();
        destroyer.destroy(new Destroyer.Request(snd4, true, false, false));

        assertThat(destroyer.destroy(new Destroyer.Request(snd4, true, false, false))).isEmpty();
    }
}

package io.aksflux.apply;

import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.error.SeedRefusedException;
import io.aksflux.support.FakeArm;
import io.aksflux.support.GitRepos;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The apply's seed stage is guarded like {@code aksflux seed}: a seed that would break a build stops apply before any ARM write. */
class ApplySeedGuardTest {
    @TempDir
    Path dir;

    @Test
    void apply_stops_at_the_seed_stage_when_the_seed_would_break_a_build_and_writes_nothing_to_arm_or_git() {
        SeedFixture repos = new SeedFixture(dir);
        Environment snd4 = repos.environment("snd4", "notifications.auth=workloadIdentity");
        DesiredState desired = DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates()));
        List<RenderedFile> files = desired.files();
        // someone already put the same Provider and Alert into the base under another file name
        String notification = files.stream().filter(f -> f.path().equals("services/environments/snd/base/notification.yaml"))
                .findFirst().orElseThrow().content();
        GitRepos.commit(repos.services, "main", Map.of(
                "services/environments/snd/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - events.yaml\n",
                "services/environments/snd/base/events.yaml", notification), "events by hand");
        FakeArm arm = FakeArm.healthy(snd4);

        assertThatThrownBy(() -> new Provisioner(arm, SeedFixture.localRemote(), new SimulatedTicker().pacing(), new RecordingProgress())
                .apply(new ApplyRequest(snd4, desired, Set.of(), false, Duration.ofMinutes(1), false)))
                .isInstanceOf(SeedRefusedException.class)
                .hasMessageContaining("kustomization services/environments/snd/base builds today and would fail: "
                        + "services/environments/snd/base/notification.yaml: may not add resource with an already registered id: Provider.")
                .hasMessageContaining("/azureeventhub.flux-config (already added from services/environments/snd/base/events.yaml)");

        assertThat(arm.writes()).isEmpty();
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
        assertThat(GitRepos.log(repos.services, "main")).hasSize(2);
    }
}

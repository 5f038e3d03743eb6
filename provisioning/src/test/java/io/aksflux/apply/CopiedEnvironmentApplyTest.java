package io.aksflux.apply;

import io.aksflux.emulator.RecordedRequest;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.GitRepos;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.aksflux.support.EmulatedAzure.FLUX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tst2.yaml} copied to {@code tst3.yaml} without changing the ids: applying tst3 would repoint tst2's flux
 * configuration at {@code tst/03} (and prune tst2's workloads). Apply reads the configuration's kustomization paths
 * first and refuses before any write, Git included, unless {@code --allow-repoint}.
 */
class CopiedEnvironmentApplyTest {

    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private EmulatedAzure azure;
    private SeedFixture repos;
    private Workspace workspace;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        Path environments = Files.createDirectories(dir.resolve("environments"));
        for (String file : List.of("defaults.yaml", "tst2.yaml")) {
            Files.copy(Workspaces.environments().resolve(file), environments.resolve(file));
        }
        Files.copy(environments.resolve("tst2.yaml"), environments.resolve("tst3.yaml"));
        workspace = Workspaces.of(environments, java.util.Map.of());
        repos = new SeedFixture(dir);
        azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45));
        azure.add(env("tst2"));
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private Environment env(String name) {
        // the copy keeps tst2's ids, so its Event Hub too (the hub's name is derived from the environment's)
        return workspace.environment(name, repos.overrides("notifications.eventHub.name=flux-events-tst2"));
    }

    private ApplyResult apply(String name, boolean allowRepoint) {
        return workspace.apply(env(name), new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(20), false, false, allowRepoint),
                azure.arm, SeedFixture.localRemote(), ticker.pacing(), progress);
    }

    private long writes() {
        return azure.emulator.requests().stream().filter(RecordedRequest::isWrite).count();
    }

    @Test
    void applying_the_copy_is_refused_before_any_write_and_tst2_keeps_its_paths() {
        assertThat(apply("tst2", false).outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        long before = writes();
        String coreHead = GitRepos.log(repos.core, "main").get(0).getName();

        assertThatThrownBy(() -> apply("tst3", false)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageStartingWith("flux configuration flux-config on cluster TSTADPINFAK1402 reconciles other kustomization"
                        + " paths than tst3 (cluster ./clusters/tst/02 -> ./clusters/tst/03, infra ./infra/tst/02 -> ./infra/tst/03,"
                        + " services ./services/tst/02 -> ./services/tst/03). Applying would repoint it, and with prune: true Flux"
                        + " then deletes every workload the old paths created")
                .hasMessageContaining("if tst3.yaml was copied from one without changing azure.subscriptionId")
                .hasMessageEndingWith("Nothing was written. Fix those ids, or re-run allowing the repoint if it is intended.");

        assertThat(writes()).isEqualTo(before);
        assertThat(GitRepos.log(repos.core, "main").get(0).getName()).isEqualTo(coreHead);
        assertThat(azure.emulator.resource(env("tst2").azure().clusterId() + FLUX).orElseThrow()
                .at("/properties/kustomizations/infra/path").asText()).isEqualTo("./infra/tst/02");
    }

    @Test
    void with_allow_repoint_the_copy_takes_the_configuration_over_with_a_warning() {
        apply("tst2", false);

        ApplyResult result = apply("tst3", true);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(azure.emulator.resource(env("tst3").azure().clusterId() + FLUX).orElseThrow()
                .at("/properties/kustomizations/infra/path").asText()).isEqualTo("./infra/tst/03");
        assertThat(progress.lines()).anySatisfy(w -> assertThat(w).startsWith("warning: flux configuration flux-config on cluster TSTADPINFAK1402").contains("repointing it, as allowed"));
    }

    @Test
    void a_second_apply_of_the_same_environment_is_no_repoint() {
        apply("tst2", false);

        assertThat(apply("tst2", false).wroteAnything()).isFalse();
    }
}

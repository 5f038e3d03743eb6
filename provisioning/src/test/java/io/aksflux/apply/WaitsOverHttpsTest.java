package io.aksflux.apply;

import io.aksflux.error.WaitTimedOutException;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Waits against the emulator over HTTPS on a simulated clock: paced by ARM within a floor, bounded by --wait-timeout. */
class WaitsOverHttpsTest {
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private EmulatedAzure azure;
    private SeedFixture repos;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    private Environment start(Duration operation) throws Exception {
        azure = new EmulatedAzure(ticker, operation, Duration.ofSeconds(5));
        repos = new SeedFixture(dir);
        Environment snd4 = repos.environment("snd4");
        azure.add(snd4);
        return snd4;
    }

    private long polls(String pathPart) {
        return azure.emulator.requests().stream().filter(r -> r.method().equals("GET") && r.path().contains(pathPart)).count();
    }

    @Test
    void a_run_command_whose_results_answer_202_with_retry_after_zero_is_polled_about_once_a_second() throws Exception {
        Environment snd4 = start(Duration.ofSeconds(60));
        azure.emulator.faults().retryAfter(0);

        new AksRunCommand(new ArmWriter(azure.arm, ticker.pacing(), progress)).run(snd4.azure().clusterId(), "kubectl get namespaces", Map.of());

        assertThat(polls("/commandResults/")).isBetween(55L, 61L);
        assertThat(progress.lines()).filteredOn(l -> l.startsWith("still waiting for command on cluster")).hasSize(2);
    }

    @Test
    void a_long_running_operation_stuck_in_progress_ends_at_the_wait_timeout_naming_the_resource() throws Exception {
        Environment snd4 = start(Duration.ofSeconds(2));
        azure.emulator.faults().stallOperations(1);

        assertThatThrownBy(() -> repos.workspace().apply(snd4, new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(5), false),
                azure.arm, SeedFixture.localRemote(), ticker.pacing(), progress))
                .isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("timed out after 5m (the wait timeout) waiting for extension flux ("
                        + snd4.azure().clusterId() + "/providers/Microsoft.KubernetesConfiguration/extensions/flux)")
                .hasMessageContaining("last state: Running");
        assertThat(progress.lines()).contains("still waiting for extension flux (" + snd4.azure().clusterId()
                + "/providers/Microsoft.KubernetesConfiguration/extensions/flux) (Running, 2m30s of 5m)");
        assertThat(azure.emulator.requests()).noneMatch(r -> r.method().equals("PUT") && r.path().contains("fluxConfigurations"));
    }

    @Test
    void no_wait_announces_no_wait_for_the_writes_or_convergence() throws Exception {
        Environment snd4 = start(Duration.ofSeconds(30));

        repos.workspace().apply(snd4, new Workspace.ApplyOptions(Set.of(), false, Duration.ofMinutes(5), false),
                azure.arm, SeedFixture.localRemote(), ticker.pacing(), progress);

        assertThat(progress.lines()).noneMatch(l -> l.contains("waiting for extension") || l.contains("waiting for flux configuration")
                || l.contains("waiting for every kustomization"));
        assertThat(progress.lines()).contains("stage converge: not waiting, as asked");
        assertThat(azure.emulator.requests()).noneMatch(r -> r.path().contains("/operations/"));
    }
}

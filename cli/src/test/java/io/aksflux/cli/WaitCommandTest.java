package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.aksflux.base.Pacing;
import io.aksflux.base.Ticker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aksflux wait} against the emulator over HTTPS: parsing, the Kustomization at head, a release never reported. */
class WaitCommandTest extends EstatePerTest {

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    @Test
    void the_configuration_s_kustomization_after_apply_is_ready_at_the_head_of_the_source_branch() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isEqualTo(ExitCodes.OK);

        Cli.Result result = estate.aksflux("wait", "snd4", "--kustomization", "services", "--timeout", "5m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        String head = estate.heads().split(" ")[0].substring(0, 12); // the core repository's, shortened as the text shows it
        assertThat(result.out()).containsPattern("snd4 +Kustomization +services +" + head + " +" + head + " +ready");
        assertThat(result.err()).contains("wait: Kustomization services");
    }

    @Test
    void a_release_that_never_appears_times_out_with_exit_3_naming_it() throws Exception {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isEqualTo(ExitCodes.OK);

        Cli.Result result = estate.aksflux("wait", "snd4", "--helmrelease", "flux-config/no-such-release", "--version", "1.0.0",
                "--timeout", "2m", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        JsonNode snd4 = new ObjectMapper().readTree(result.out()).get("environments").get(0);
        assertThat(snd4.get("outcome").asText()).isEqualTo("timed-out");
        assertThat(snd4.get("targets").get(0).get("message").asText()).isEqualTo("not reported yet");
        assertThat(result.err()).contains("HelmRelease flux-config/no-such-release: pending: not reported yet",
                "error: snd4: timed out after 2m (the wait timeout); not done: HelmRelease flux-config/no-such-release at 1.0.0"
                        + " (last seen: pending: not reported yet)");
    }

    @Test
    void an_environment_never_applied_is_an_error_naming_its_flux_configuration() {
        Cli.Result result = estate.aksflux("wait", "snd4", "--helmrelease", "ffc-demo-web", "--version", "4.32.30");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("error: snd4: flux configuration flux-config not found on cluster");
    }

    @Test
    void a_wait_for_nothing_or_a_version_without_its_release_is_refused_before_azure_is_asked() {
        Cli.Result nothing = estate.aksflux("wait", "snd4");
        Cli.Result lonely = estate.aksflux("wait", "snd4", "--version", "4.32.30");

        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(nothing.err()).contains("name what to wait for: --helmrelease [NAMESPACE/]NAME --version V, or --kustomization NAME");
        assertThat(lonely.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(lonely.err()).contains("--helmrelease");
        assertThat(estate.emulator.requests()).isEmpty();
    }

    @Test
    void help_shows_an_example_and_the_exit_codes() {
        Cli.Result help = Cli.run("wait", "--help");

        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(help.out()).contains("aksflux wait snd4 --helmrelease flux-config/ffc-demo-web --version 4.32.30",
                "--kustomization", "--revision", "--timeout", "Exit 0 when every one is ready");
    }

    @Test
    void several_environments_are_waited_on_at_once_each_line_and_progress_named_by_its_environment() {
        assertThat(estate.aksflux("apply", "snd4", "snd3", "--yes").exitCode()).isEqualTo(ExitCodes.OK);

        Cli.Result result = estate.aksflux("wait", "snd4", "snd3", "--kustomization", "services", "--kustomization", "infra");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).hasSize(5).satisfies(lines -> {
            assertThat(lines.get(1)).startsWith("snd4         Kustomization  services");
            assertThat(lines.get(2)).startsWith("snd4         Kustomization  infra");
            assertThat(lines.get(3)).startsWith("snd3         Kustomization  services");
            assertThat(lines.get(4)).startsWith("snd3         Kustomization  infra");
        });
        assertThat(result.err()).containsPattern("\\] snd4  wait +Kustomization services: ready at [0-9a-f]{12}")
                .containsPattern("\\] snd3  wait +Kustomization infra: ready at [0-9a-f]{12}");
    }

    @Test
    void ctrl_c_while_waiting_exits_130_saying_nothing_changed_and_the_command_to_rerun() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isEqualTo(ExitCodes.OK);

        Cli.Result result = estate.aksflux(WaitCommandTest::interruptedOnFirstWait,
                "wait", "snd4", "--helmrelease", "ffc-demo-web", "--version", "4.32.30");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(result.err()).contains("aksflux: interrupted while waiting; nothing was changed. Re-run 'aksflux wait snd4"
                + " --helmrelease ffc-demo-web --version 4.32.30 --environments");
    }

    private static CliContext interruptedOnFirstWait(CliContext context) {
        Interrupts interrupts = new Interrupts();
        Pacing pacing = context.pacing();
        Ticker interrupting = new Ticker() {
            @Override
            public Instant now() {
                return pacing.ticker().now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                interrupts.interrupt(); // as the shutdown hook does, then the JVM stops the waiting thread
                throw new InterruptedException();
            }
        };
        return new CliContext(context.processEnvironment(), new Pacing(interrupting, pacing.pollInterval(), pacing.conflictBackoff(),
                pacing.maxConflictRetries()), context.httpRetryBaseDelay(), context.terminal(), interrupts);
    }
}

package io.aksflux.cli;

import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** aksflux emulator, run for a while on a simulated clock (so the test never waits for an interrupt). */
class EmulatorCommandTest {

    private static Cli.Result emulator(String... args) {
        SimulatedTicker ticker = new SimulatedTicker();
        return Cli.run(new CliContext(Map.of(), ticker.pacing(), Duration.ofMillis(1)), args);
    }

    @Test
    void it_prints_how_to_point_aksflux_at_it_with_a_cluster_per_environment_and_cleans_up_when_it_stops() {
        Cli.Result result = emulator("emulator", "--for", "30m", "--environments", Cli.ENVIRONMENTS);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("listening on https://localhost:\\d+")
                .contains("  snd1   SNDADPINFAK1401 in resource group SNDADPINFRG1401", "  prd1   PRDADPINFAK1401 in resource group PRDADPINFRG1401",
                        "export AKSFLUX_ARM_TOKEN=emulator", "Stopping by itself after 30m", "aksflux ARM emulator stopped");
        Matcher endpoint = Pattern.compile("export AKSFLUX_ARM_ENDPOINT=(https://localhost:\\d+)").matcher(result.out());
        Matcher ca = Pattern.compile("export AKSFLUX_CA_FILE=(\\S+)").matcher(result.out());
        assertThat(endpoint.find()).isTrue();
        assertThat(ca.find()).isTrue();
        assertThat(result.out()).contains("listening on " + endpoint.group(1));
        assertThat(Path.of(ca.group(1))).as("the generated CA goes with the emulator").doesNotExist();
        assertThat(result.out().lines().filter(l -> l.contains(" in resource group "))).hasSize(9);
    }

    @Test
    void an_environment_that_does_not_load_is_skipped_with_a_warning(@TempDir Path environments) throws IOException {
        Path shipped = Path.of(Cli.ENVIRONMENTS);
        Files.copy(shipped.resolve("defaults.yaml"), environments.resolve("defaults.yaml"));
        Files.copy(shipped.resolve("snd4.yaml"), environments.resolve("snd4.yaml"));
        Files.writeString(environments.resolve("tst9.yaml"), "azure:\n  clustr: typo\n");

        Cli.Result result = emulator("emulator", "--for", "1s", "--environments", environments.toString(),
                "--templates", Path.of(Cli.ENVIRONMENTS).resolveSibling("flux-templates").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("warning: environment tst9 skipped");
        assertThat(result.out()).contains("clusters:\n  snd4   SNDADPINFAK1404 in resource group SNDADPINFRG1404\nCA certificate");
    }

    @Test
    void entra_only_models_the_platforms_clusters_and_says_run_command_needs_the_aks_token() {
        Cli.Result result = emulator("emulator", "--for", "1s", "--entra-only", "--environments", Cli.ENVIRONMENTS);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("  snd4   SNDADPINFAK1404 in resource group SNDADPINFRG1404 (Entra ID, local accounts disabled, private)",
                "export AKSFLUX_ARM_TOKEN=emulator\n  export AKSFLUX_AKS_TOKEN=emulator-aks\n");
    }

    @Test
    void a_read_budget_of_no_reads_is_refused() {
        Cli.Result result = emulator("emulator", "--for", "1s", "--reads-per-hour", "0", "--environments", Cli.ENVIRONMENTS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("--reads-per-hour must be at least 1, not 0");
    }

    @Test
    void a_zero_run_time_is_refused() {
        Cli.Result result = emulator("emulator", "--for", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("must be longer than zero");
    }
}

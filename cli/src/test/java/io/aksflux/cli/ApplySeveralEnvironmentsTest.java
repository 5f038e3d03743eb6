package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.environment.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disaster-recovery rebuild through the command line: several environments (or {@code --all}) applied from one
 * command against one estate, where every environment seeds the same core and services repositories.
 */
class ApplySeveralEnvironmentsTest extends EstatePerTest {
    /** Short simulated operations, as in {@link ApplyEachShippedEnvironmentTest}, keep nine applies to seconds. */
    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> NINE = List.of("dev1", "pre1", "prd1", "snd1", "snd2", "snd3", "snd4", "tst1", "tst2");
    /** {@code [00:42] snd4  flux          ...}: every progress line of a rebuild, whole. */
    static final Pattern PROGRESS_LINE = Pattern.compile("^\\[\\d\\d:\\d\\d] (\\w+) +(\\w+) +(.*)$");

    @Test
    void a_stopped_cluster_fails_only_its_environment_and_the_summary_names_it() {
        stopCluster("tst1");

        Cli.Result result = estate.aksflux("apply", "--all", "--yes", "--parallel", "4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).startsWith("apply of 9 environments: failed (1 FAILED, 8 converged)\n")
                .containsPattern("\n  tst1 +FAILED +\\d+m\\d\\ds +seed +seed pushed core [0-9a-f]{12}, services [0-9a-f]{12}; then: .*Stopped");
        assertThat(result.err()).contains("error: tst1: ");
        assertThat(estate.writesTo("tst1")).isEmpty();
        NINE.stream().filter(env -> !env.equals("tst1")).forEach(env ->
                assertThat(estate.writesTo(env)).as(env).hasSize(3)); // the notification secret, the extension, the flux configuration
    }

    @Test
    void a_failed_extension_stops_only_its_environment_the_next_ones_converge() {
        // one after the other, the first extension PUT is snd1's: the fault is consumed there
        estate.emulator.faults().failExtension("helm install failed: timed out waiting for the condition");

        Cli.Result result = estate.aksflux("apply", "snd1", "snd2", "snd3", "--yes", "--parallel", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).containsPattern("\n  snd1 +FAILED .*helm install failed")
                .containsPattern("\n  snd2 +converged ").containsPattern("\n  snd3 +converged ");
        assertThat(result.err()).contains("error: snd1: ").contains("helm install failed: timed out waiting for the condition");
        assertThat(estate.writesTo("snd1")).as("no flux configuration after a failed extension").hasSize(2)
                .noneMatch(r -> r.path().endsWith(Estate.FLUX));
    }

    @Test
    void json_output_is_one_object_with_each_environments_result_or_failure() throws Exception {
        stopCluster("tst1");

        Cli.Result result = estate.aksflux("apply", "snd4", "tst1", "--yes", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(JSON.readerFor(JsonNode.class).readValues(result.out()).readAll()).hasSize(1);
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("outcome").asText()).isEqualTo("FAILED");
        JsonNode snd4 = json.get("environments").get(0);
        assertThat(snd4.get("environment").asText()).isEqualTo("snd4");
        assertThat(snd4.get("outcome").asText()).isEqualTo("CONVERGED");
        assertThat(snd4.get("stages")).extracting(s -> s.get("stage").asText())
                .containsExactly("preflight", "seed", "notifications", "extension", "flux", "converge");
        assertThat(snd4.get("elapsedSeconds").asLong()).isPositive();
        JsonNode tst1 = json.get("environments").get(1);
        assertThat(tst1.get("environment").asText()).isEqualTo("tst1");
        assertThat(tst1.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(tst1.get("error").get("kind").asText()).isEqualTo("provisioning");
        assertThat(tst1.get("error").get("message").asText()).contains("Stopped");
        assertThat(tst1.get("error").get("exitCode").asInt()).isEqualTo(ExitCodes.ERROR);
        assertThat(tst1.at("/seed/repos")).as("what its seed pushed before the failure stays visible")
                .allSatisfy(repo -> assertThat(repo.get("pushed").asBoolean()).isTrue())
                .extracting(repo -> repo.get("commit").asText()).allSatisfy(commit -> assertThat(commit).matches("[0-9a-f]{40}"));
        assertThat(snd4.has("seed")).as("a result already has its seed stage").isFalse();
    }

    @Test
    void a_bad_environment_among_the_named_ones_is_refused_before_anything_is_written() {
        String heads = estate.heads();

        Cli.Result result = estate.aksflux("apply", "snd4", "snd9", "prd1", "--yes", "--set", "flux.name=Flux_Config");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("snd9").contains("'Flux_Config' is not valid");
        assertThat(result.out()).isEmpty();
        assertThat(estate.emulator.requests()).as("no request to ARM").isEmpty();
        assertThat(estate.heads()).as("no commit").isEqualTo(heads);
    }

    private static final String SECRET = "POST runCommand kubectl apply --server-side --field-manager=aksflux --force-conflicts -f notification-secret.yaml 202";

    @Test
    void parallel_1_applies_the_environments_one_after_the_other_in_the_order_named() {
        Cli.Result result = estate.aksflux("apply", "snd2", "snd1", "dev1", "--yes", "--parallel", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(mostRunningAtOnce(result.err())).isEqualTo(1);
        assertThat(result.err().lines().map(line -> PROGRESS_LINE.matcher(line)).filter(Matcher::matches)
                .map(m -> m.group(1)).distinct()).containsExactly("snd2", "snd1", "dev1");
        assertThat(estate.writes()).extracting(w -> w.substring(0, w.indexOf(' ')) + " " + w.substring(w.lastIndexOf('/') + 1))
                .containsExactly(SECRET, "PUT flux 201", "PUT flux-config 201", SECRET, "PUT flux 201", "PUT flux-config 201",
                        SECRET, "PUT flux 201", "PUT flux-config 201");
        assertThat(result.out()).containsSubsequence("\n  snd2 ", "\n  snd1 ", "\n  dev1 ");
    }

    @Test
    void all_together_with_environment_names_or_neither_is_refused() {
        Cli.Result both = estate.aksflux("apply", "snd4", "--all", "--yes");
        Cli.Result neither = estate.aksflux("apply", "--yes");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(both.err()).contains("error: name environments or pass --all, not both");
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(neither.err()).contains("error: name the environment to apply");
        assertThat(estate.emulator.requests()).isEmpty();
    }

    private void stopCluster(String env) {
        Environment.AzureTarget azure = Estate.environment(env).azure();
        estate.emulator.addCluster(ClusterSpec.of(azure.subscriptionId(), azure.resourceGroup(), azure.cluster()).withPowerState("Stopped"));
    }

    /** The most environments between their first progress line and their {@code finished} line at one time. */
    static int mostRunningAtOnce(String progress) {
        Set<String> running = new HashSet<>();
        int most = 0;
        for (String line : progress.lines().toList()) {
            Matcher m = PROGRESS_LINE.matcher(line);
            if (!m.matches() || m.group(2).equals("seed")) { // seeding goes first, one environment at a time, for all
                continue;
            }
            if (m.group(3).startsWith("finished: ")) {
                running.remove(m.group(1));
            } else {
                running.add(m.group(1));
                most = Math.max(most, running.size());
            }
        }
        return most;
    }
}

package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.base.Ticker;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.environment.Environment;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exit is clean and readable: with {@code -o json} a failure is one error object on stdout, a missing cluster is
 * an error, the confirmation shows the plan and a "no" changes nothing, Ctrl-C says what was running, what is left and
 * the command to re-run. Interruptions are fired through the same {@link Interrupts} the process's shutdown hook runs.
 */
class CleanExitsTest extends EstatePerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    /** Runs before the estate stops. */
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // an interrupted wait leaves the flag set, as it should; the JVM would be ending there
    }

    /** The only JSON value on stdout. */
    private static JsonNode onlyJson(Cli.Result result) throws Exception {
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.createParser(result.out())) {
            JsonNode value = JSON.readTree(parser);
            assertThat(value).as(result.toString()).isNotNull();
            assertThat(parser.nextToken()).as("one JSON value only\n%s", result).isNull();
            return value;
        }
    }

    private static void assertErrorObject(JsonNode json, String environment, String kind, String messagePart, int exitCode) {
        assertThat(json.fieldNames()).toIterable().containsExactly("environment", "error");
        if (environment == null) {
            assertThat(json.get("environment").isNull()).isTrue();
        } else {
            assertThat(json.get("environment").asText()).isEqualTo(environment);
        }
        assertThat(json.get("error").fieldNames()).toIterable().containsExactly("kind", "message", "exitCode");
        assertThat(json.at("/error/kind").asText()).isEqualTo(kind);
        assertThat(json.at("/error/message").asText()).contains(messagePart);
        assertThat(json.at("/error/exitCode").asInt()).isEqualTo(exitCode);
    }

    private void stopCluster(String env) {
        Environment.AzureTarget azure = Estate.environment(env).azure();
        estate.emulator.addCluster(ClusterSpec.of(azure.subscriptionId(), azure.resourceGroup(), azure.cluster()).withPowerState("Stopped"));
    }

    @Test
    void a_failed_apply_of_one_environment_prints_one_json_error_object() throws Exception {
        stopCluster("snd4");

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertErrorObject(onlyJson(result), "snd4", "provisioning", "cluster SNDADPINFAK1404 is Stopped", ExitCodes.ERROR);
        assertThat(result.err()).contains("error: cluster SNDADPINFAK1404 is Stopped");
    }

    @Test
    void a_failed_apply_of_one_environment_after_its_seed_pushed_adds_the_seed_beside_the_error() throws Exception {
        estate.emulator.faults().failExtension("helm install failed");

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        JsonNode json = onlyJson(result);
        assertThat(json.fieldNames()).toIterable().containsExactly("environment", "error", "seed");
        assertThat(json.get("environment").asText()).isEqualTo("snd4");
        assertThat(json.at("/error/kind").asText()).isEqualTo("provisioning");
        assertThat(json.at("/error/message").asText()).contains("helm install failed");
        assertThat(json.at("/seed/environment").asText()).isEqualTo("snd4");
        assertThat(json.at("/seed/repos")).extracting(r -> r.get("repo").asText() + " " + r.get("commit").asText() + " " + r.get("pushed").asBoolean())
                .containsExactly("core " + GitRepos.head(estate.core) + " true", "services " + GitRepos.head(estate.services) + " true");
    }

    @Test
    void a_failed_apply_of_one_environment_whose_seed_pushed_nothing_keeps_the_plain_error_object() throws Exception {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isZero();
        estate.emulator.faults().failExtension("helm upgrade failed");

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "-o", "json", "--set", "extension.settings.note=changed");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertErrorObject(onlyJson(result), "snd4", "provisioning", "helm upgrade failed", ExitCodes.ERROR);
    }

    @Test
    void a_failed_plan_prints_one_json_error_object_naming_the_environment_that_failed() throws Exception {
        Cli.Result result = Cli.run("plan", "snd4", "snd9", "--offline", "-o", "json", "--environments", Cli.ENVIRONMENTS);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertErrorObject(onlyJson(result), "snd9", "invalid-environment", "snd9", ExitCodes.ERROR);
    }

    @Test
    void a_failed_seed_prints_one_json_error_object() throws Exception {
        String missing = dir.resolve("missing.git").toUri().toString();

        Cli.Result result = Cli.run("seed", "snd4", "-o", "json", "--environments", Cli.ENVIRONMENTS,
                "--set", "repos.core.url=" + missing, "--set", "repos.services.url=" + missing);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertErrorObject(onlyJson(result), "snd4", "git", "missing.git", ExitCodes.ERROR);
    }

    @Test
    void a_usage_error_with_json_output_is_an_error_object_too() throws Exception {
        Cli.Result result = Cli.run("status", "-o", "json", "--environments", Cli.ENVIRONMENTS);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertErrorObject(onlyJson(result), null, "usage", "or pass --all", ExitCodes.ERROR);
    }

    @Test
    void status_of_a_cluster_that_does_not_exist_names_its_resource_id_and_exits_1() throws Exception {
        Cli.Result text = estate.aksflux("status", "snd4", "--set", "azure.cluster=NOSUCHAKS");
        Cli.Result json = estate.aksflux("status", "snd4", "--set", "azure.cluster=NOSUCHAKS", "-o", "json");

        String id = "/subscriptions/" + Estate.environment("snd4").azure().subscriptionId()
                + "/resourceGroups/SNDADPINFRG1404/providers/Microsoft.ContainerService/managedClusters/NOSUCHAKS";
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(text.err()).contains("error: cluster NOSUCHAKS not found: " + id + " does not exist");
        assertThat(text.out()).doesNotContain("not installed");
        assertErrorObject(onlyJson(json), "snd4", "provisioning", id, ExitCodes.ERROR);
    }

    @Test
    void status_of_an_estate_shows_a_missing_cluster_as_an_error_row_beside_the_others() throws Exception {
        estate.aksflux("apply", "snd4", "--yes");

        Cli.Result text = estate.aksflux("status", "snd4", "prd1", "--set", "azure.resourceGroup=SNDADPINFRG1404");
        Cli.Result json = estate.aksflux("status", "snd4", "prd1", "--set", "azure.resourceGroup=SNDADPINFRG1404", "-o", "json");

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(text.out()).containsPattern("\n  snd4 +Succeeded").containsPattern("\n  prd1 +ERROR: cluster PRDADPINFAK1401 not found");
        JsonNode reports = onlyJson(json);
        assertThat(reports.get(0).get("environment").asText()).isEqualTo("snd4");
        assertThat(reports.get(0).at("/extension/provisioningState").asText()).isEqualTo("Succeeded");
        assertErrorObject(reports.get(1), "prd1", "provisioning", "cluster PRDADPINFAK1401 not found", ExitCodes.ERROR);
    }

    /** A terminal that gives these answers, and fails the test when asked once more. */
    private static Terminal answering(String... answers) {
        Deque<String> left = new ArrayDeque<>(List.of(answers));
        return new Terminal() {
            @Override
            public boolean present() {
                return true;
            }

            @Override
            public String readLine() {
                assertThat(left).as("the terminal was asked more often than expected").isNotEmpty();
                return left.pop();
            }
        };
    }

    @Test
    void without_yes_apply_shows_the_plan_then_asks_and_no_cancels_with_nothing_changed() {
        String heads = estate.heads();

        Cli.Result result = estate.aksflux(context -> context.withTerminal(answering("n")), "apply", "snd4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("Plan for snd4: ", "+ clusters/snd/04/kustomization.yaml", "Microsoft.KubernetesConfiguration/extensions");
        assertThat(result.err().indexOf("Plan for snd4: ")).isLessThan(result.err().indexOf("Apply these changes to snd4 (cluster SNDADPINFAK1404)? Only 'y' applies. [y/N] "));
        assertThat(result.err()).endsWith("Apply cancelled; nothing was changed.\n");
        assertThat(estate.writes()).isEmpty();
        assertThat(estate.heads()).isEqualTo(heads);
    }

    @Test
    void without_yes_y_applies_and_with_nothing_to_change_apply_says_so_without_asking() {
        Cli.Result first = estate.aksflux(context -> context.withTerminal(answering("y")), "apply", "snd4");
        Cli.Result second = estate.aksflux(context -> context.withTerminal(answering()), "apply", "snd4");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).startsWith("apply snd4: converged");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).contains("No changes: snd4 is as desired; applying without asking").doesNotContain("[y/N]");
    }

    /** Fires the interruptions on the first wait, then stops that wait as the ending JVM stops the thread. */
    private static final class InterruptOnFirstWait implements Ticker {
        private final Ticker time;
        private final Interrupts interrupts;
        private boolean fired;

        InterruptOnFirstWait(Ticker time, Interrupts interrupts) {
            this.time = time;
            this.interrupts = interrupts;
        }

        @Override
        public Instant now() {
            return time.now();
        }

        @Override
        public synchronized void sleep(Duration duration) throws InterruptedException {
            if (!fired) {
                fired = true;
                interrupts.interrupt();
                throw new InterruptedException();
            }
            time.sleep(duration);
        }
    }

    private static CliContext interruptedOnFirstWait(CliContext context) {
        Interrupts interrupts = new Interrupts();
        io.aksflux.base.Pacing pacing = context.pacing();
        return new CliContext(context.processEnvironment(), new io.aksflux.base.Pacing(new InterruptOnFirstWait(pacing.ticker(), interrupts),
                pacing.pollInterval(), pacing.conflictBackoff(), pacing.maxConflictRetries()), context.httpRetryBaseDelay(), context.terminal(), interrupts);
    }

    @Test
    void a_failure_the_interrupt_caused_is_not_reported_as_an_error_of_its_own() {
        // the hook stops what the command was using (the demo's emulator) before the command sees the failure
        Cli.Result result = estate.aksflux(context -> {
            Interrupts interrupts = new Interrupts();
            interrupts.interrupt();
            return context.withInterrupts(interrupts);
        }, "plan", "snd9", "--offline");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(result.err()).doesNotContain("error:");
    }

    @Test
    void ctrl_c_during_apply_names_the_stage_what_the_seed_pushed_and_the_command_to_rerun_with_its_options() throws Exception {
        Cli.Result result = estate.aksflux(CleanExitsTest::interruptedOnFirstWait,
                "apply", "snd4", "--yes", "--wait-timeout", "45m", "-o", "json", "--set", "flux.interval=10m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        Matcher message = Pattern.compile("aksflux: interrupted during stage 'notifications' of snd4; the seed pushed core ([0-9a-f]{12}) to main of "
                + "\\S+, services [0-9a-f]{12} to main of \\S+\\. A request already sent to Azure continues there; re-run '(.*)' to converge")
                .matcher(result.err());
        assertThat(message.find()).as(result.err()).isTrue();
        assertThat(GitRepos.head(estate.core)).startsWith(message.group(1));
        assertThat(message.group(2)).isEqualTo("aksflux apply snd4 --yes --wait-timeout 45m -o json --set flux.interval=10m --environments "
                + Cli.ENVIRONMENTS + " --set repos.core.url=" + GitRepos.url(estate.core) + " --set repos.services.url=" + GitRepos.url(estate.services)
                + " --set notifications.delivery=secret --set notifications.secretName=aksflux-notification");
        JsonNode first = JSON.readerFor(JsonNode.class).<JsonNode>readValues(result.out()).next();
        assertErrorObject(first, "snd4", "interrupted", "interrupted during stage 'notifications'", ExitCodes.INTERRUPTED);
    }

    @Test
    void ctrl_c_during_an_estate_apply_names_what_was_running() {
        Cli.Result result = estate.aksflux(CleanExitsTest::interruptedOnFirstWait, "apply", "snd4", "prd1", "--yes", "--parallel", "1");

        assertThat(result.err()).contains("aksflux: interrupted while applying snd4 (notifications)",
                "re-run 'aksflux apply snd4 prd1 --yes --parallel 1 --environments " + Cli.ENVIRONMENTS);
        assertThat(result.err()).doesNotContain("Shutdown in progress", "IllegalStateException");
    }

    @Test
    void ctrl_c_during_seed_says_what_was_pushed_and_how_to_complete_it() {
        Interrupts interrupts = new Interrupts();
        interrupts.interrupt(); // already ending: the seed's handler runs as soon as it registers, before anything is pushed

        Cli.Result result = estate.aksflux(context -> context.withInterrupts(interrupts), "seed", "snd4", "--branch", "seed/snd4");

        assertThat(result.err()).contains("aksflux: interrupted during seed snd4: nothing was pushed; its temporary clones are deleted. "
                + "Re-run 'aksflux seed snd4 --branch seed/snd4 --environments " + Cli.ENVIRONMENTS);
    }

    @Test
    void ctrl_c_during_destroy_names_what_was_being_deleted_and_the_command_to_rerun() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isZero();

        Cli.Result result = estate.aksflux(CleanExitsTest::interruptedOnFirstWait, "destroy", "snd4", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(result.err()).as(result.toString()).contains("aksflux: interrupted during destroy snd4 while deleting flux configuration "
                + Estate.environment("snd4").flux().name() + "; a delete already sent to Azure continues there; re-run 'aksflux destroy snd4 --yes"
                + " --environments " + Cli.ENVIRONMENTS, "' to finish; what is already gone is not deleted again.");
        assertThat(result.err()).doesNotContain("Shutdown in progress", "IllegalStateException");
    }

    @Test
    void ctrl_c_during_demo_stops_the_emulator_and_deletes_its_certificates_and_the_temporary_repositories() {
        Cli.Result result = Cli.run(interruptedOnFirstWait(new CliContext(Map.of(), new SimulatedTicker().pacing(), Duration.ofMillis(1))),
                "demo", "--environments", Cli.ENVIRONMENTS);

        Matcher left = Pattern.compile("aksflux: demo interrupted: the emulator is stopped and its CA and keys \\((\\S+)\\) deleted; (\\S+) deleted\\.")
                .matcher(result.err());
        assertThat(left.find()).as(result.toString()).isTrue();
        assertThat(Path.of(left.group(1))).doesNotExist();
        assertThat(Path.of(left.group(2))).doesNotExist();
        assertThat(left.group(2)).contains("aksflux-demo-");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void ctrl_c_stops_the_emulator_command_and_deletes_its_certificates() {
        Cli.Result result = Cli.run(interruptedOnFirstWait(new CliContext(Map.of(), new SimulatedTicker().pacing(), Duration.ofMillis(1))),
                "emulator", "--for", "30m", "--environments", Cli.ENVIRONMENTS);

        Matcher ca = Pattern.compile("export AKSFLUX_CA_FILE=(\\S+)").matcher(result.out());
        assertThat(ca.find()).as(result.toString()).isTrue();
        assertThat(Path.of(ca.group(1))).doesNotExist();
        assertThat(result.err()).contains("aksflux ARM emulator stopped; its CA key and certificate are deleted");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void a_port_in_use_is_a_sentence_naming_the_option_not_a_stack_trace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli.Result result = Cli.run("emulator", "--port", Integer.toString(taken.getLocalPort()), "--for", "1s",
                    "--environments", Cli.ENVIRONMENTS);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(result.err()).isEqualTo("error: port " + taken.getLocalPort() + " on 127.0.0.1 is in use (or that address is not "
                    + "this machine's); choose another with --port\n");
        }
    }
}

package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.emulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 through the command line: apply, plan, status and destroy of snd4 over HTTPS (Azure SDK pipeline,
 * JDK client trusting the emulator's CA), as a pipeline would run them.
 */
class ApplyOverHttpsCliTest extends EstatePerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli.Result apply(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "apply";
        args[1] = "snd4";
        args[2] = "--yes";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return estate.aksflux(args);
    }

    @Test
    void apply_puts_the_extension_then_the_flux_configuration_and_converges() {
        Cli.Result result = apply();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(estate.writes()).containsExactly(Estate.notificationSecret("snd4"), "PUT " + Estate.EXTENSION + " 201",
                "PUT " + Estate.FLUX + " 201");
        assertThat(result.out()).startsWith("apply snd4: converged\n")
                .contains("notifications changed    create Secret flux-config/aksflux-notification");
        assertThat(estate.emulator.clusterSecret(Estate.environment("snd4").azure().clusterId(), "flux-config", "aksflux-notification"))
                .hasValueSatisfying(secret -> assertThat(secret.data().get("address")).startsWith("Endpoint=sb://SNDADPINFEN1404."));
        assertThat(result.err()).containsSubsequence("extension     extension: microsoft.flux extension 'flux'",
                "flux          flux: flux configuration 'flux-config'",
                "flux-config-infra: Pending: dependency 'flux-config/flux-config-cluster' is not ready",
                "flux-config-services: Compliant");
    }

    @Test
    void json_output_is_exactly_one_object_on_stdout_and_progress_goes_to_stderr() throws Exception {
        Cli.Result result = apply("--output", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readerFor(JsonNode.class).readValues(result.out()).readAll()).hasSize(1);
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("environment").asText()).isEqualTo("snd4");
        assertThat(json.get("outcome").asText()).isEqualTo("CONVERGED");
        assertThat(json.get("stages")).extracting(s -> s.get("stage").asText())
                .containsExactly("preflight", "seed", "notifications", "extension", "flux", "converge");
        assertThat(json.get("blocking")).isEmpty();
        assertThat(result.out()).doesNotContain("[00:");
        assertThat(result.err()).contains("[00:00] preflight", "converge");
    }

    @Test
    void conflicts_and_throttling_are_retried_until_the_puts_succeed() {
        estate.emulator.faults().conflictsBeforePut(2).throttle(2, 0);

        Cli.Result result = apply();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(estate.emulator.requests()).extracting(RecordedRequest::status).startsWith(429, 429).contains(409);
        assertThat(estate.writes()).containsExactly(Estate.notificationSecret("snd4"), "PUT " + Estate.EXTENSION + " 409", "PUT " + Estate.EXTENSION + " 409",
                "PUT " + Estate.EXTENSION + " 201", "PUT " + Estate.FLUX + " 201");
        assertThat(result.err()).contains("extension flux: another operation is in progress on the cluster (OperationNotAllowed); "
                + "retrying in 1s (attempt 1 of 8)");
    }

    @Test
    void a_conflict_is_retried_after_the_time_arm_says_the_other_operation_needs() {
        // without waiting, the flux configuration PUT meets the extension install still running (30 s); the notification
        // secret's runCommands are skipped, so the clock measures the conflict alone
        Instant start = estate.ticker.now();

        Cli.Result result = apply("--no-wait", "--skip", "notifications");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(estate.writes()).containsExactly("PUT " + Estate.EXTENSION + " 201", "PUT " + Estate.FLUX + " 409",
                "PUT " + Estate.FLUX + " 201");
        assertThat(result.err()).contains("flux configuration flux-config: another operation is in progress on the cluster "
                + "(OperationNotAllowed); retrying in 30s (attempt 1 of 8)");
        assertThat(Duration.between(start, estate.ticker.now())).hasSeconds(30);
        assertThat(result.out()).startsWith("apply snd4: applied (not waiting for convergence)");
    }

    @Test
    void a_failed_extension_exits_1_with_azures_message_and_no_flux_configuration_is_put() {
        estate.emulator.faults().failExtension("helm install failed: timed out waiting for the condition");

        Cli.Result result = apply();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("error: ").contains("helm install failed: timed out waiting for the condition");
        assertThat(result.out()).isEmpty();
        assertThat(estate.writes()).containsExactly(Estate.notificationSecret("snd4"), "PUT " + Estate.EXTENSION + " 201");
    }

    @Test
    void plan_detailed_exitcode_is_2_before_apply_and_0_after() {
        Cli.Result before = estate.aksflux("plan", "snd4", "--detailed-exitcode");
        apply();
        Cli.Result after = estate.aksflux("plan", "snd4", "--detailed-exitcode");

        assertThat(before.exitCode()).as(before.toString()).isEqualTo(ExitCodes.CHANGES);
        assertThat(before.out()).contains("+ Microsoft.KubernetesConfiguration/extensions", "+ Microsoft.KubernetesConfiguration/fluxConfigurations");
        assertThat(after.exitCode()).as(after.toString()).isEqualTo(ExitCodes.OK);
        assertThat(estate.writes()).as("plan writes nothing (its runCommands only run kubectl get)").hasSize(3);
    }

    @Test
    void destroy_deletes_the_flux_configuration_then_the_extension() {
        apply();

        Cli.Result result = estate.aksflux("destroy", "snd4", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("destroy snd4: deleted flux configuration flux-config, then extension flux\n");
        assertThat(estate.writes()).endsWith("DELETE " + Estate.FLUX + " 202", "DELETE " + Estate.EXTENSION + " 202");
        assertThat(deletes()).noneMatch(r -> r.query().containsKey("forcedelete"));
        String cluster = Estate.environment("snd4").azure().clusterId();
        assertThat(estate.emulator.resource(cluster + Estate.FLUX)).isEmpty();
        assertThat(estate.emulator.resource(cluster + Estate.EXTENSION)).isEmpty();
    }

    @Test
    void destroy_keep_extension_deletes_only_the_flux_configuration() {
        apply();

        Cli.Result result = estate.aksflux("destroy", "snd4", "--yes", "--keep-extension");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(deletes()).extracting(r -> r.path().substring(r.path().lastIndexOf("/providers/"))).containsExactly(Estate.FLUX);
        assertThat(estate.emulator.resource(Estate.environment("snd4").azure().clusterId() + Estate.EXTENSION)).isPresent();
    }

    @Test
    void destroy_force_sends_force_delete() {
        apply();

        Cli.Result result = estate.aksflux("destroy", "snd4", "--yes", "--force");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(deletes()).hasSize(2).allSatisfy(r -> assertThat(r.query()).containsEntry("forcedelete", "true"));
    }

    @Test
    void destroy_without_yes_refuses_and_deletes_nothing() {
        apply();

        Cli.Result result = estate.aksflux("destroy", "snd4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("error: deleting flux configuration 'flux-config' makes Flux delete every workload",
                "confirm the deletion to go on");
        assertThat(deletes()).isEmpty();
    }

    @Test
    void apply_without_yes_and_without_a_terminal_refuses_and_writes_nothing() {
        Cli.Result result = estate.aksflux("apply", "snd4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("error: no terminal to confirm on; pass --yes to apply snd4");
        assertThat(estate.emulator.requests()).isEmpty();
    }

    @Test
    void status_shows_the_extension_the_compliance_and_a_table_of_objects() {
        apply();

        Cli.Result result = estate.aksflux("status", "snd4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).startsWith("environment snd4\n  extension           Succeeded")
                .containsPattern("flux configuration  Succeeded, Compliant, synced commit main@sha1:[0-9a-f]{40}")
                .containsPattern("KIND +NAME +COMPLIANCE +MESSAGE")
                .containsPattern("Kustomization +flux-config-cluster +Compliant +Applied revision")
                .containsPattern("Kustomization +flux-config-services +Compliant");
    }

    @Test
    void status_of_an_environment_not_yet_applied_says_so() throws Exception {
        Cli.Result text = estate.aksflux("status", "snd4");
        Cli.Result json = estate.aksflux("status", "snd4", "-o", "json");

        assertThat(text.out()).contains("extension           not installed", "flux configuration  not created");
        JsonNode status = JSON.readTree(json.out());
        assertThat(status.get("extension").isNull()).isTrue();
        assertThat(status.get("fluxConfiguration").isNull()).isTrue();
    }

    private List<RecordedRequest> deletes() {
        return estate.emulator.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
    }

    @Test
    void status_of_several_environments_names_what_is_not_there_yet() {
        assertThat(apply().exitCode()).isZero();

        Cli.Result result = estate.aksflux("status", "snd4", "prd1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("\n  snd4 +Succeeded 1\\.17\\.3 +Succeeded, Compliant +\n")
                .containsPattern("\n  prd1 +not installed +not created +\n");
    }

    @Test
    void status_takes_environments_or_all_not_both() {
        Cli.Result result = estate.aksflux("status", "snd4", "--all");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("name environments or pass --all, not both");
        assertThat(estate.emulator.requests()).isEmpty();
    }
}

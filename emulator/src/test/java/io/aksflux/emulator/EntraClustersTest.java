package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.emulator.resources.ManagedClusters;
import io.aksflux.emulator.spec.ArmSpecs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clusters as the reference platform has them (AKS-managed Entra ID, local accounts disabled, private API server) and
 * the run command and listKeys shapes of the published AKS and Event Hub examples bundled with the emulator.
 */
class EntraClustersTest {
    private static final SimulatedClock CLOCK = new SimulatedClock();
    private static final Duration LRO = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArmSpecs SPECS = ArmSpecs.bundled();
    private static ArmEmulator emulator;
    private static ArmClient arm;

    @BeforeAll
    static void start() throws Exception {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(CLOCK).withLroDuration(LRO));
        arm = new ArmClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String cluster(ClusterSpec.Access access) {
        ClusterSpec spec = ClusterSpec.of(UUID.randomUUID().toString(), "rg", "aks").withAccess(access);
        emulator.addCluster(spec);
        return spec.id();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void an_entra_only_cluster_reports_its_access_properties_as_aks_does() {
        JsonNode entra = arm.get(cluster(ClusterSpec.Access.ENTRA_ONLY) + "?api-version=2025-09-01").body().path("properties");
        JsonNode open = arm.get(cluster(ClusterSpec.Access.OPEN) + "?api-version=2025-09-01").body().path("properties");

        assertThat(entra.at("/aadProfile/managed").asBoolean()).isTrue();
        assertThat(entra.at("/aadProfile/enableAzureRBAC").asBoolean()).isTrue();
        assertThat(entra.at("/aadProfile/tenantID").asText()).isNotEmpty();
        assertThat(entra.path("disableLocalAccounts").asBoolean()).isTrue();
        assertThat(entra.at("/apiServerAccessProfile/enablePrivateCluster").asBoolean()).isTrue();
        assertThat(entra.at("/apiServerAccessProfile/disableRunCommand").asBoolean()).isFalse();
        assertThat(entra.path("privateFQDN").asText()).endsWith(".privatelink.westeurope.azmk8s.io");
        assertThat(open.has("aadProfile")).isFalse();
        assertThat(open.path("disableLocalAccounts").asBoolean(true)).isFalse();
        assertThat(open.at("/apiServerAccessProfile/enablePrivateCluster").asBoolean(true)).isFalse();
    }

    @Test
    void without_local_accounts_a_command_without_cluster_token_is_refused_with_aks_message() {
        String cluster = cluster(ClusterSpec.Access.ENTRA_ONLY);

        ArmClient.Reply refused = arm.post(cluster + "/runCommand?api-version=2025-09-01", "{\"command\": \"kubectl get ns\"}");
        ArmClient.Reply empty = arm.post(cluster + "/runCommand?api-version=2025-09-01", "{\"command\": \"kubectl get ns\", \"clusterToken\": \"\"}");
        ArmClient.Reply accepted = arm.post(cluster + "/runCommand?api-version=2025-09-01",
                "{\"command\": \"kubectl get ns\", \"clusterToken\": \"entra-token\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/error/code").asText()).isEqualTo("BadRequest");
        assertThat(refused.body().at("/error/message").asText())
                .isEqualTo("Getting static credential is not allowed because this cluster is set to disable local accounts.");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(accepted.status()).isEqualTo(202);
    }

    @Test
    void a_cluster_with_run_command_disabled_refuses_every_command() {
        String cluster = cluster(ClusterSpec.Access.ENTRA_ONLY.withRunCommandDisabled(true));

        ArmClient.Reply refused = arm.post(cluster + "/runCommand?api-version=2025-09-01",
                "{\"command\": \"kubectl get ns\", \"clusterToken\": \"entra-token\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/error/code").asText()).isEqualTo("OperationNotAllowed");
        assertThat(refused.body().at("/error/message").asText()).contains("'aks'", "disableRunCommand");
    }

    @Test
    void the_published_run_command_request_is_accepted_and_a_property_it_does_not_define_is_refused() throws Exception {
        String cluster = cluster(ClusterSpec.Access.ENTRA_ONLY);
        JsonNode example = SPECS.example("containerservice/2024-10-01/examples/RunCommandRequest.json").path("parameters");
        String payload = JSON.writeValueAsString(((com.fasterxml.jackson.databind.node.ObjectNode) example.path("requestPayload").deepCopy())
                .put("clusterToken", "entra-token"));

        ArmClient.Reply accepted = arm.post(cluster + "/runCommand?api-version=" + example.path("api-version").asText(), payload);
        ArmClient.Reply unknown = arm.post(cluster + "/runCommand?api-version=2025-09-01",
                "{\"command\": \"kubectl get ns\", \"clusterToken\": \"t\", \"kubeconfig\": \"x\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/error/message").asText()).contains("'kubeconfig'", "[clusterToken, command, context]");
    }

    @Test
    void a_command_result_has_the_fields_of_the_published_examples() {
        String cluster = cluster(ClusterSpec.Access.OPEN);
        emulator.onRunCommand((id, command) -> new ManagedClusters.CommandResult(0, "namespace dummy created"));
        JsonNode succeeded = SPECS.example("containerservice/2024-10-01/examples/RunCommandResultSucceed.json").at("/responses/200/body");
        JsonNode failed = SPECS.example("containerservice/2024-10-01/examples/RunCommandResultFailed.json").at("/responses/200/body");

        ArmClient.Reply accepted = arm.post(cluster + "/runCommand?api-version=2025-09-01", "{\"command\": \"kubectl apply -f ns.yaml\"}");
        CLOCK.advance(LRO);
        JsonNode result = arm.getUrl(accepted.header("Location")).body();

        assertThat(fields(result)).containsExactlyInAnyOrderElementsOf(fields(succeeded));
        List<String> published = new ArrayList<>(fields(succeeded.path("properties")));
        published.addAll(fields(failed.path("properties")));
        assertThat(fields(result.path("properties"))).containsAll(fields(succeeded.path("properties"))).isSubsetOf(published);
    }

    @Test
    void list_keys_answers_with_the_fields_of_the_published_example() {
        String subscription = UUID.randomUUID().toString();
        emulator.addEventHub(subscription, "rg-events", "adp-ns", "flux-events", "flux-sender");
        JsonNode example = SPECS.example("eventhub/2024-01-01/examples/EHEventHubAuthorizationRuleListKey.json");

        JsonNode keys = arm.post("/subscriptions/" + subscription + "/resourceGroups/rg-events/providers/Microsoft.EventHub/namespaces/adp-ns"
                + "/eventhubs/flux-events/authorizationRules/flux-sender/listKeys?api-version=" + example.at("/parameters/api-version").asText(), "{}").body();

        assertThat(fields(keys)).containsExactlyInAnyOrderElementsOf(fields(example.at("/responses/200/body")));
    }
}

package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire protocol of ARM over real HTTPS: lifecycles, shapes, errors and injected faults. */
class ArmEmulatorTest {
    private static final SimulatedClock CLOCK = new SimulatedClock();
    private static final Duration LRO = Duration.ofSeconds(20);
    private static ArmEmulator emulator;
    private static ArmClient arm;

    private String subscription;
    private String cluster;
    private String extension;
    private String flux;

    @TempDir
    Path repo;

    @BeforeAll
    static void start() throws Exception {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(CLOCK).withLroDuration(LRO).withReconcileStep(Duration.ofSeconds(30)));
        arm = new ArmClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void freshCluster() {
        emulator.faults().clear();
        subscription = UUID.randomUUID().toString();
        emulator.addCluster(subscription, "rg", "aks");
        cluster = "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
        extension = cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/flux";
        flux = cluster + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config";
    }

    static final String EXTENSION_BODY = """
            {"properties": {"extensionType": "microsoft.flux", "autoUpgradeMinorVersion": true, "releaseTrain": "Stable",
             "scope": {"cluster": {"releaseNamespace": "flux-system"}},
             "configurationSettings": {"helm-controller.enabled": "true"},
             "configurationProtectedSettings": {"secret": "do-not-return"}}}""";

    static String fluxBody(String url) {
        return """
                {"properties": {"scope": "cluster", "namespace": "flux-config", "sourceKind": "GitRepository", "suspend": false,
                 "gitRepository": {"url": "%s", "timeoutInSeconds": 180, "syncIntervalInSeconds": 300, "repositoryRef": {"branch": "main"}},
                 "kustomizations": {
                   "cluster": {"path": "./clusters/snd/04", "dependsOn": [], "prune": true},
                   "infra": {"path": "./infra/snd/04", "dependsOn": ["cluster"], "prune": true},
                   "services": {"path": "./services/snd/04", "dependsOn": ["cluster", "infra"], "prune": true}}}}""".formatted(url);
    }

    private ArmClient.Reply installExtension() {
        ArmClient.Reply reply = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        CLOCK.advance(LRO);
        return reply;
    }

    @Test
    void a_put_creates_with_201_then_updates_with_200_and_the_async_operation_runs_to_succeeded() {
        ArmClient.Reply created = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().at("/properties/provisioningState").asText()).isEqualTo("Creating");
        String operation = created.header("Azure-AsyncOperation");
        assertThat(operation).startsWith(emulator.endpoint() + extension + "/operations/").endsWith("?api-version=2025-03-01");
        assertThat(arm.getUrl(operation).body().path("status").asText()).isEqualTo("Running");
        assertThat(arm.get(extension + "?api-version=2025-03-01").body().at("/properties/provisioningState").asText()).isEqualTo("Creating");

        CLOCK.advance(LRO);

        JsonNode status = arm.getUrl(operation).body();
        assertThat(status.path("status").asText()).isEqualTo("Succeeded");
        assertThat(status.path("name").asText()).isEqualTo(operation.replaceAll(".*/operations/|\\?.*", ""));
        assertThat(arm.get(extension + "?api-version=2025-03-01").body().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        ArmClient.Reply updated = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().at("/properties/provisioningState").asText()).isEqualTo("Updating");
    }

    @Test
    void get_returns_the_extension_as_arm_does_with_read_only_fields_and_nulls_but_no_protected_settings() {
        installExtension();

        JsonNode body = arm.get(extension + "?api-version=2025-03-01").body();

        assertThat(body.path("id").asText()).isEqualTo(extension);
        assertThat(body.path("name").asText()).isEqualTo("flux");
        assertThat(body.path("type").asText()).isEqualTo("Microsoft.KubernetesConfiguration/extensions");
        assertThat(body.path("systemData").path("createdAt").asText()).isEqualTo(CLOCK.get().minus(LRO).toString());
        JsonNode p = body.path("properties");
        assertThat(p.path("configurationSettings").path("helm-controller.enabled").asText()).isEqualTo("true");
        assertThat(p.path("configurationProtectedSettings").isEmpty()).isTrue();
        assertThat(body.toString()).doesNotContain("do-not-return");
        assertThat(p.path("currentVersion").asText()).isNotEmpty();
        assertThat(p.path("statuses").isArray()).isTrue();
        assertThat(p.path("isSystemExtension").asBoolean(true)).isFalse();
        assertThat(p.path("aksAssignedIdentity").path("type").asText()).isEqualTo("SystemAssigned");
        assertThat(p.has("customLocationSettings") && p.get("customLocationSettings").isNull()).isTrue();
        assertThat(p.get("errorInfo").isNull()).isTrue();
    }

    @Test
    void missing_resources_answer_404_in_arms_shapes() {
        ArmClient.Reply extensionMissing = arm.get(extension + "?api-version=2025-03-01");
        ArmClient.Reply clusterMissing = arm.get(cluster.replace("/aks", "/other") + "?api-version=2024-10-01");
        ArmClient.Reply parentMissing = arm.get(extension.replace("/aks/", "/other/") + "?api-version=2025-03-01");
        ArmClient.Reply groupMissing = arm.get(extension.replace("/rg/", "/nogroup/") + "?api-version=2025-03-01");

        assertThat(extensionMissing.status()).isEqualTo(404);
        assertThat(extensionMissing.errorCode()).isEqualTo("ResourceNotFound");
        assertThat(extensionMissing.errorMessage()).startsWith("The Resource 'Microsoft.KubernetesConfiguration/extensions/flux' under resource group 'rg' was not found");
        assertThat(clusterMissing.errorCode()).isEqualTo("ResourceNotFound");
        assertThat(clusterMissing.errorMessage()).contains("'Microsoft.ContainerService/managedClusters/other'");
        assertThat(parentMissing.status()).isEqualTo(404);
        assertThat(parentMissing.errorCode()).isEqualTo("ParentResourceNotFound");
        assertThat(groupMissing.errorCode()).isEqualTo("ResourceGroupNotFound");
    }

    @Test
    void delete_is_accepted_then_the_resource_is_gone_and_a_second_delete_is_204() {
        installExtension();

        ArmClient.Reply deleting = arm.delete(extension + "?api-version=2025-03-01");

        assertThat(deleting.status()).isEqualTo(202);
        assertThat(deleting.header("Azure-AsyncOperation")).contains("/operations/");
        assertThat(deleting.header("Location")).contains("/operationResults/");
        assertThat(arm.get(extension + "?api-version=2025-03-01").body().at("/properties/provisioningState").asText()).isEqualTo("Deleting");
        assertThat(arm.getUrl(deleting.header("Location")).status()).isEqualTo(202);
        CLOCK.advance(LRO);
        assertThat(arm.getUrl(deleting.header("Location")).status()).isEqualTo(204);
        assertThat(arm.get(extension + "?api-version=2025-03-01").status()).isEqualTo(404);
        assertThat(arm.delete(extension + "?api-version=2025-03-01").status()).isEqualTo(204);
    }

    @Test
    void force_delete_is_accepted_even_while_another_operation_runs_on_the_cluster() {
        arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);

        ArmClient.Reply plain = arm.delete(extension + "?api-version=2025-03-01");
        ArmClient.Reply forced = arm.delete(extension + "?api-version=2025-03-01&forceDelete=true");

        assertThat(plain.status()).isEqualTo(409);
        assertThat(forced.status()).isEqualTo(202);
        assertThat(emulator.requests()).last().satisfies(r -> assertThat(r.query()).containsEntry("forcedelete", "true"));
        CLOCK.advance(LRO);
        assertThat(emulator.resource(extension)).isEmpty();
    }

    @Test
    void a_write_while_an_operation_runs_on_the_cluster_is_refused_with_409_and_retry_after_the_time_it_has_left() {
        arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        CLOCK.advance(Duration.ofMillis(4500));

        ArmClient.Reply conflict = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        ArmClient.Reply deleteConflict = arm.delete(extension + "?api-version=2025-03-01");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("OperationNotAllowed");
        assertThat(conflict.errorMessage()).contains("another operation is in progress");
        assertThat(conflict.header("Retry-After")).isEqualTo("16"); // 15.5 s left of the 20 s operation, rounded up
        assertThat(deleteConflict.header("Retry-After")).isEqualTo("16");
        CLOCK.advance(Duration.ofMillis(15_499));
        assertThat(arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY).header("Retry-After")).isEqualTo("1");
        CLOCK.advance(LRO);
        assertThat(arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY).status()).isEqualTo(200);
    }

    @Test
    void a_request_without_a_bearer_token_is_401() {
        ArmClient.Reply reply = arm.send("GET", extension + "?api-version=2025-03-01", null, false);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("AuthenticationFailed");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void injected_conflicts_throttling_and_server_errors_are_answered_in_turn() {
        emulator.faults().conflictsBeforePut(2).throttle(1, 7).serverErrors(1);

        ArmClient.Reply throttled = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        ArmClient.Reply failed = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        ArmClient.Reply firstConflict = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        ArmClient.Reply secondConflict = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);
        ArmClient.Reply accepted = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
        assertThat(throttled.errorCode()).isEqualTo("TooManyRequests");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.errorCode()).isEqualTo("InternalServerError");
        assertThat(firstConflict.status()).isEqualTo(409);
        assertThat(firstConflict.header("Retry-After")).isEqualTo("1");
        assertThat(secondConflict.errorCode()).isEqualTo("OperationNotAllowed");
        assertThat(accepted.status()).isEqualTo(201);
    }

    @Test
    void a_bad_request_fault_quotes_the_body_of_the_next_request_to_its_path_and_an_unauthorized_one_the_bearer_token() {
        emulator.faults().badRequestEchoingBody("/fluxConfigurations/flux-config", 1).unauthorizedEchoingAuthorization(1);

        ArmClient.Reply unauthorized = arm.get(cluster + "?api-version=2024-10-01");
        ArmClient.Reply extensionPut = installExtension();
        ArmClient.Reply echoed = arm.put(flux + "?api-version=2025-04-01", fluxBody("https://example.com/core"));
        ArmClient.Reply accepted = arm.put(flux + "?api-version=2025-04-01", fluxBody("https://example.com/core"));

        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.errorCode()).isEqualTo("InvalidAuthenticationToken");
        assertThat(unauthorized.errorMessage()).contains("Authorization: Bearer emulator-test-token");
        assertThat(extensionPut.status()).as("another path is not affected").isEqualTo(201);
        assertThat(echoed.status()).isEqualTo(400);
        assertThat(echoed.errorCode()).isEqualTo("InvalidRequestContent");
        assertThat(echoed.errorMessage()).contains("\"url\": \"https://example.com/core\"");
        assertThat(accepted.status()).isEqualTo(201);
    }

    @Test
    void an_armed_extension_failure_ends_the_install_failed_with_an_error_status() {
        emulator.faults().failExtension("helm install failed: timed out waiting for the condition");

        ArmClient.Reply created = installExtension();

        JsonNode op = arm.getUrl(created.header("Azure-AsyncOperation")).body();
        assertThat(op.path("status").asText()).isEqualTo("Failed");
        assertThat(op.at("/error/message").asText()).isEqualTo("helm install failed: timed out waiting for the condition");
        JsonNode p = arm.get(extension + "?api-version=2025-03-01").body().path("properties");
        assertThat(p.path("provisioningState").asText()).isEqualTo("Failed");
        assertThat(p.at("/statuses/0/level").asText()).isEqualTo("Error");
        assertThat(p.at("/statuses/0/message").asText()).contains("helm install failed");
    }

    @Test
    void an_unknown_api_version_is_refused_naming_the_supported_ones() {
        ArmClient.Reply reply = arm.put(extension + "?api-version=2019-01-01", EXTENSION_BODY);
        ArmClient.Reply none = arm.get(extension);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("NoRegisteredProviderFound");
        assertThat(reply.errorMessage()).contains("'2019-01-01'").contains("2024-11-01, 2025-03-01");
        assertThat(none.errorCode()).isEqualTo("MissingApiVersionParameter");
    }

    @Test
    void a_body_property_the_spec_does_not_define_is_refused_with_its_path() {
        ArmClient.Reply reply = arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY.replace("\"releaseTrain\"", "\"releaseTrian\""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidRequestContent");
        assertThat(reply.errorMessage()).contains("releaseTrian");
        assertThat(emulator.resource(extension)).isEmpty();
    }

    @Test
    void a_missing_required_property_and_a_read_only_one_are_refused() {
        ArmClient.Reply noType = arm.put(extension + "?api-version=2025-03-01", "{\"properties\": {\"releaseTrain\": \"Stable\"}}");
        ArmClient.Reply readOnly = arm.put(extension + "?api-version=2025-03-01",
                "{\"properties\": {\"extensionType\": \"microsoft.flux\", \"currentVersion\": \"1.0.0\"}}");
        ArmClient.Reply noUrl = arm.put(flux + "?api-version=2025-04-01", "{\"properties\": {\"gitRepository\": {\"repositoryRef\": {\"branch\": \"main\"}}}}");

        assertThat(noType.errorMessage()).contains("properties.extensionType: is required");
        assertThat(readOnly.errorCode()).isEqualTo("InvalidRequestContent");
        assertThat(readOnly.errorMessage()).contains("currentVersion");
        assertThat(noUrl.errorMessage()).contains("properties.gitRepository.url: is required");
    }

    @Test
    void a_flux_configuration_needs_the_flux_extension_on_the_cluster() throws Exception {
        ArmClient.Reply reply = arm.put(flux + "?api-version=2025-04-01", fluxBody(GitRepos.create(repo, GitRepos.snd4Core())));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'microsoft.flux' extension is not installed on cluster 'aks'");
    }

    @Test
    void flux_configuration_get_has_the_server_defaults_and_read_only_fields() throws Exception {
        installExtension();
        arm.put(flux + "?api-version=2025-04-01", fluxBody(GitRepos.create(repo, GitRepos.snd4Core())));
        CLOCK.advance(LRO);

        JsonNode p = arm.get(flux + "?api-version=2025-04-01").body().path("properties");

        assertThat(p.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(p.at("/gitRepository/repositoryRef/tag").isNull()).isTrue();
        assertThat(p.at("/kustomizations/infra/name").asText()).isEqualTo("infra");
        assertThat(p.at("/kustomizations/infra/retryIntervalInSeconds").isNull()).isTrue();
        assertThat(p.at("/kustomizations/infra/postBuild").isNull()).isTrue();
        for (String field : new String[]{"statuses", "complianceState", "sourceSyncedCommitId", "sourceUpdatedAt", "statusUpdatedAt",
                "repositoryPublicKey", "errorMessage", "bucket", "azureBlob", "ociRepository"}) {
            assertThat(p.has(field)).as(field).isTrue();
        }
        assertThat(p.path("sourceSyncedCommitId").asText()).matches("main@sha1:[0-9a-f]{40}");
    }

    @Test
    void provider_registration_moves_from_registering_to_registered() {
        emulator.providerState(subscription, "Microsoft.KubernetesConfiguration", "NotRegistered");
        String provider = "/subscriptions/" + subscription + "/providers/Microsoft.KubernetesConfiguration";

        assertThat(arm.get(provider + "?api-version=2021-04-01").body().path("registrationState").asText()).isEqualTo("NotRegistered");
        assertThat(arm.post(provider + "/register?api-version=2021-04-01", "{}").body().path("registrationState").asText()).isEqualTo("Registering");
        CLOCK.advance(LRO);
        JsonNode body = arm.get(provider + "?api-version=2021-04-01").body();
        assertThat(body.path("namespace").asText()).isEqualTo("Microsoft.KubernetesConfiguration");
        assertThat(body.path("registrationState").asText()).isEqualTo("Registered");
        assertThat(arm.get("/subscriptions/" + subscription + "/providers/Microsoft.ContainerService?api-version=2021-04-01")
                .body().path("registrationState").asText()).isEqualTo("Registered");
    }

    @Test
    void a_cluster_reads_as_aks_returns_it() {
        emulator.addCluster(ClusterSpec.of(subscription, "rg", "stopped").withPowerState("Stopped").withIdentityType("None"));

        JsonNode healthy = arm.get(cluster + "?api-version=2024-10-01").body();
        JsonNode stopped = arm.get(cluster.replace("/aks", "/stopped") + "?api-version=2024-10-01").body();

        assertThat(healthy.at("/identity/type").asText()).isEqualTo("SystemAssigned");
        assertThat(healthy.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(healthy.at("/properties/powerState/code").asText()).isEqualTo("Running");
        assertThat(healthy.at("/properties/kubernetesVersion").asText()).isNotEmpty();
        assertThat(stopped.at("/properties/powerState/code").asText()).isEqualTo("Stopped");
        assertThat(stopped.has("identity")).isFalse();
    }

    @Test
    void run_command_is_a_long_running_operation_with_its_result_at_the_location() {
        emulator.onRunCommand((id, command) -> new io.aksflux.emulator.resources.ManagedClusters.CommandResult(0, "secret/x created\n"));

        ArmClient.Reply accepted = arm.post(cluster + "/runCommand?api-version=2024-10-01", "{\"command\": \"kubectl get ns\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Location")).contains(cluster + "/commandResults/");
        assertThat(arm.getUrl(accepted.header("Location")).status()).isEqualTo(202);
        CLOCK.advance(LRO);
        ArmClient.Reply done = arm.getUrl(accepted.header("Location"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().at("/properties/exitCode").asInt(-1)).isZero();
        assertThat(done.body().at("/properties/logs").asText()).isEqualTo("secret/x created\n");
        assertThat(done.body().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    }

    /** Runs a command to its end on the simulated clock and returns its result's properties. */
    private JsonNode runCommand(String body) {
        ArmClient.Reply accepted = arm.post(cluster + "/runCommand?api-version=2024-10-01", body);
        assertThat(accepted.status()).isEqualTo(202);
        CLOCK.advance(LRO);
        return arm.getUrl(accepted.header("Location")).body().path("properties");
    }

    private static String zip(String name, String content) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void run_command_applies_a_secret_from_the_context_zip_and_reads_its_annotation_back() throws Exception {
        emulator.onRunCommand(null);
        String manifest = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: flux-config}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: adp-platform-secrets, namespace: flux-config, annotations: {aksflux.io/address-sha256: abc123}}
                type: Opaque
                stringData: {address: "Endpoint=sb://ns/;SharedAccessKey=k"}
                """;
        String get = "kubectl get secret -n flux-config adp-platform-secrets -o jsonpath='{.metadata.annotations.aksflux\\.io/address-sha256}'";

        JsonNode missing = runCommand("{\"command\": \"" + get.replace("\\", "\\\\") + "\"}");
        JsonNode applied = runCommand("{\"command\": \"kubectl apply -f s.yaml\", \"context\": \"" + zip("s.yaml", manifest) + "\"}");
        JsonNode read = runCommand("{\"command\": \"" + get.replace("\\", "\\\\") + "\"}");
        JsonNode reapplied = runCommand("{\"command\": \"kubectl apply -f s.yaml\", \"context\": \"" + zip("s.yaml", manifest) + "\"}");

        assertThat(missing.path("exitCode").asInt()).isEqualTo(1);
        assertThat(missing.path("logs").asText()).isEqualTo("Error from server (NotFound): secrets \"adp-platform-secrets\" not found\n");
        assertThat(applied.path("exitCode").asInt()).isZero();
        assertThat(applied.path("logs").asText()).isEqualTo("namespace/flux-config created\nsecret/adp-platform-secrets created\n");
        assertThat(emulator.clusterSecret(cluster, "flux-config", "adp-platform-secrets")).hasValueSatisfying(secret -> {
            assertThat(secret.type()).isEqualTo("Opaque");
            assertThat(secret.data()).containsExactly(java.util.Map.entry("address", "Endpoint=sb://ns/;SharedAccessKey=k"));
        });
        assertThat(read.path("exitCode").asInt()).isZero();
        assertThat(read.path("logs").asText()).isEqualTo("abc123");
        assertThat(reapplied.path("logs").asText()).isEqualTo("namespace/flux-config unchanged\nsecret/adp-platform-secrets unchanged\n");
    }

    @Test
    void run_command_refuses_what_the_simulated_kubectl_does_not_know_with_exit_1() throws Exception {
        emulator.onRunCommand(null);

        JsonNode unknown = runCommand("{\"command\": \"kubectl delete ns flux-config\"}");
        JsonNode noFile = runCommand("{\"command\": \"kubectl apply -f missing.yaml\"}");
        JsonNode noNamespace = runCommand("{\"command\": \"kubectl apply -f s.yaml\", \"context\": \""
                + zip("s.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: absent}\n") + "\"}");
        ArmClient.Reply badContext = arm.post(cluster + "/runCommand?api-version=2024-10-01", "{\"command\": \"kubectl apply -f s.yaml\", \"context\": \"!!\"}");

        assertThat(unknown.path("exitCode").asInt()).isEqualTo(1);
        assertThat(unknown.path("logs").asText()).contains("simulates only", "not: kubectl delete ns flux-config");
        assertThat(noFile.path("logs").asText()).isEqualTo("error: the path \"missing.yaml\" does not exist\n");
        assertThat(noNamespace.path("logs").asText()).contains("namespaces \"absent\" not found");
        assertThat(badContext.status()).isEqualTo(400);
    }

    @Test
    void list_keys_returns_a_generated_key_and_its_connection_string() {
        emulator.addEventHub(subscription, "rg-events", "adp-ns", "flux-events", "flux-sender");
        String rule = "/subscriptions/" + subscription + "/resourceGroups/rg-events/providers/Microsoft.EventHub/namespaces/adp-ns"
                + "/eventhubs/flux-events/authorizationRules/flux-sender";

        JsonNode keys = arm.post(rule + "/listKeys?api-version=2024-01-01", "{}").body();
        ArmClient.Reply unknown = arm.post(rule.replace("flux-sender", "other") + "/listKeys?api-version=2024-01-01", "{}");

        assertThat(keys.path("primaryKey").asText()).hasSizeGreaterThan(20);
        assertThat(keys.path("keyName").asText()).isEqualTo("flux-sender");
        assertThat(keys.path("primaryConnectionString").asText()).isEqualTo("Endpoint=sb://adp-ns.servicebus.windows.net/;"
                + "SharedAccessKeyName=flux-sender;SharedAccessKey=" + keys.path("primaryKey").asText() + ";EntityPath=flux-events");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void requests_are_recorded_with_method_path_api_version_and_body() {
        arm.put(extension + "?api-version=2025-03-01", EXTENSION_BODY);

        assertThat(emulator.requests()).last().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).isEqualTo(extension);
            assertThat(r.apiVersion()).isEqualTo("2025-03-01");
            assertThat(r.body().at("/properties/extensionType").asText()).isEqualTo("microsoft.flux");
            assertThat(r.status()).isEqualTo(201);
        });
    }

    @Test
    void the_ca_file_is_a_pem_certificate_and_is_deleted_on_close() throws Exception {
        Path ca;
        try (ArmEmulator other = ArmEmulator.start(EmulatorOptions.defaults())) {
            ca = other.caFile();
            assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(new ArmClient(other).get("/subscriptions/s/providers/Microsoft.ContainerService?api-version=2021-04-01").status())
                    .isEqualTo(200);
        }
        assertThat(ca).doesNotExist();
    }
}

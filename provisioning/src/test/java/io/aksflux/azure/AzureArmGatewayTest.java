package io.aksflux.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;
import io.aksflux.support.HttpsWireMock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Azure SDK HTTP path (bearer token, retry policy, JDK client over HTTPS) against an HTTPS WireMock. */
class AzureArmGatewayTest {
    private static final String ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"
            + "/providers/Microsoft.KubernetesConfiguration/extensions/flux";
    private static final String API = "2025-03-01";
    @RegisterExtension
    static final HttpsWireMock https = new HttpsWireMock();
    private ArmGateway arm;
    private final io.aksflux.support.SimulatedTicker ticker = new io.aksflux.support.SimulatedTicker();

    @BeforeEach
    void connect() {
        ArmConnection connection = ArmConnection.from(https.url(), https.ca(), Map.of())
                .withRetryBaseDelay(Duration.ofMillis(1));
        arm = new AzureArmGateway(connection, ArmCredentials.resolve(Map.of("AKSFLUX_ARM_TOKEN", "test-token-value")),
                java.util.Optional.empty(), new ArmBudget(ticker));
    }

    @Test
    void get_sends_the_bearer_token_and_api_version_and_reads_the_body() {
        https.server().stubFor(get(urlPathEqualTo(ID)).withQueryParam("api-version", equalTo(API))
                .withHeader("Authorization", equalTo("Bearer test-token-value"))
                .willReturn(okJson("{\"properties\": {\"provisioningState\": \"Succeeded\"}}")));

        assertThat(arm.get(ID, API)).hasValueSatisfying(body ->
                assertThat(body.at("/properties/provisioningState").asText()).isEqualTo("Succeeded"));
    }

    @Test
    void not_found_is_empty() {
        https.server().stubFor(get(urlPathEqualTo(ID)).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\": {\"code\": \"ResourceNotFound\", \"message\": \"not found\"}}")));

        assertThat(arm.get(ID, API)).isEmpty();
    }

    @Test
    void put_follows_the_async_operation_until_it_succeeds() {
        String operation = "/subscriptions/s/operations/op1";
        https.server().stubFor(put(urlPathEqualTo(ID)).withRequestBody(equalToJson("{\"properties\": {\"extensionType\": \"microsoft.flux\"}}"))
                .willReturn(aResponse().withStatus(201).withHeader("Azure-AsyncOperation", https.server().baseUrl() + operation + "?api-version=" + API)
                        .withBody("{\"properties\": {\"provisioningState\": \"Creating\"}}")));
        https.server().stubFor(get(urlPathEqualTo(operation)).inScenario("lro").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"status\": \"InProgress\"}")).willSetStateTo("done"));
        https.server().stubFor(get(urlPathEqualTo(operation)).inScenario("lro").whenScenarioStateIs("done")
                .willReturn(okJson("{\"status\": \"Succeeded\"}")));

        ArmOperation op = arm.put(ID, API, json("{\"properties\": {\"extensionType\": \"microsoft.flux\"}}"));

        assertThat(op.poll().state()).isEqualTo(ArmOperation.State.IN_PROGRESS);
        assertThat(op.poll().state()).isEqualTo(ArmOperation.State.SUCCEEDED);
    }

    @Test
    void a_failed_operation_carries_arms_message() {
        String operation = "/subscriptions/s/operations/op2";
        https.server().stubFor(put(urlPathEqualTo(ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Azure-AsyncOperation", https.server().baseUrl() + operation)));
        https.server().stubFor(get(urlPathEqualTo(operation)).willReturn(okJson(
                "{\"status\": \"Failed\", \"error\": {\"code\": \"ExtensionOperationFailed\", \"message\": \"helm install failed\"}}")));

        ArmOperation.OperationStatus status = arm.put(ID, API, json("{}")).poll();

        assertThat(status.state()).isEqualTo(ArmOperation.State.FAILED);
        assertThat(status.message()).isEqualTo("helm install failed");
    }

    @Test
    void throttling_is_retried_by_the_pipeline_after_at_least_the_floor_even_when_retry_after_says_0() {
        https.server().stubFor(get(urlPathEqualTo(ID)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("second"));
        https.server().stubFor(get(urlPathEqualTo(ID)).inScenario("throttle").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        https.server().stubFor(get(urlPathEqualTo(ID)).inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"name\": \"flux\"}")));

        assertThat(arm.get(ID, API)).hasValueSatisfying(body -> assertThat(body.get("name").asText()).isEqualTo("flux"));
        https.server().verify(3, getRequestedFor(urlPathEqualTo(ID)));
        assertThat(ticker.slept()).as("the 429 waited the floor on the process's clock").isEqualTo(ArmBudget.Settings.standard().throttleFloor());
    }

    @Test
    void a_conflict_surfaces_with_its_code_for_the_engine_to_retry() {
        https.server().stubFor(put(urlPathEqualTo(ID)).willReturn(aResponse().withStatus(409).withHeader("Retry-After", "7")
                .withBody("{\"error\": {\"code\": \"OperationNotAllowed\", \"message\": \"Another operation is in progress\"}}")));

        assertThatThrownBy(() -> arm.put(ID, API, json("{}"))).isInstanceOfSatisfying(ArmException.class, e -> {
            assertThat(e.isConflict()).isTrue();
            assertThat(e.code()).isEqualTo("OperationNotAllowed");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
        https.server().verify(1, putRequestedFor(urlPathEqualTo(ID)));
    }

    @Test
    void force_delete_is_sent_as_a_query_parameter() {
        https.server().stubFor(delete(urlPathEqualTo(ID)).willReturn(aResponse().withStatus(204)));

        assertThat(arm.delete(ID, API, true)).isEmpty();
        https.server().verify(deleteRequestedFor(urlPathEqualTo(ID)).withQueryParam("forceDelete", equalTo("true"))
                .withQueryParam("api-version", equalTo(API)));
    }

    @Test
    void a_server_that_is_not_trusted_is_refused_without_leaking_the_token() throws Exception {
        Path otherCa = https.otherCa();
        ArmGateway untrusting = new AzureArmGateway(ArmConnection.from(https.url(), otherCa, Map.of())
                .withRetryBaseDelay(Duration.ofMillis(1)), ArmCredentials.resolve(Map.of("AKSFLUX_ARM_TOKEN", "test-token-value")));

        assertThatThrownBy(() -> untrusting.get(ID, API))
                .hasMessageStartingWith("cannot reach Azure Resource Manager: GET https://localhost:" + https.server().httpsPort() + ID)
                .hasMessageNotContaining("test-token-value");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}

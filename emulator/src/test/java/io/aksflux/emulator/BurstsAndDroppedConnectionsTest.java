package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The faults of a bad network and a bad minute at ARM's door, over real HTTPS: bursts, reset connections, a failed flux configuration. */
class BurstsAndDroppedConnectionsTest {
    private static final SimulatedClock CLOCK = new SimulatedClock();
    private static final Duration LRO = Duration.ofSeconds(20);
    private static final String EXTENSION_API = "?api-version=2025-03-01";
    private static final String FLUX_API = "?api-version=2025-04-01";
    private static ArmEmulator emulator;
    private static ArmClient arm;
    private String extension;
    private String flux;

    @BeforeAll
    static void start() throws Exception {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(CLOCK).withLroDuration(LRO));
        arm = new ArmClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void freshCluster() {
        emulator.faults().clear();
        String subscription = UUID.randomUUID().toString();
        emulator.addCluster(subscription, "rg", "aks");
        String cluster = "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
        extension = cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/flux";
        flux = cluster + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config";
    }

    /** This test's requests (the emulator is shared by the class). */
    private java.util.List<RecordedRequest> requests() {
        String cluster = extension.substring(0, extension.indexOf("/providers/Microsoft.KubernetesConfiguration"));
        return emulator.requests().stream().filter(r -> r.path().startsWith(cluster)).toList();
    }

    @Test
    void a_burst_answers_its_statuses_in_turn_to_requests_of_its_method_and_carries_none_out() {
        emulator.faults().burst("PUT", 429, 500, 503, 409, Faults.RESET);

        ArmClient.Reply read = arm.get(extension + EXTENSION_API);
        int[] statuses = new int[4];
        for (int i = 0; i < 4; i++) {
            statuses[i] = arm.put(extension + EXTENSION_API, ArmEmulatorTest.EXTENSION_BODY).status();
        }
        assertThatThrownBy(() -> arm.put(extension + EXTENSION_API, ArmEmulatorTest.EXTENSION_BODY))
                .hasMessageContaining("failed");
        ArmClient.Reply after = arm.put(extension + EXTENSION_API, ArmEmulatorTest.EXTENSION_BODY);

        assertThat(read.status()).as("a GET is not a PUT: the burst waits").isEqualTo(404);
        assertThat(statuses).containsExactly(429, 500, 503, 409);
        assertThat(after.status()).as("the burst is over; nothing was stored before").isEqualTo(201);
        assertThat(requests()).filteredOn(r -> r.method().equals("PUT")).extracting(RecordedRequest::status, RecordedRequest::dropped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(429, false), org.assertj.core.groups.Tuple.tuple(500, false),
                        org.assertj.core.groups.Tuple.tuple(503, false), org.assertj.core.groups.Tuple.tuple(409, false),
                        org.assertj.core.groups.Tuple.tuple(0, true), org.assertj.core.groups.Tuple.tuple(201, false));
    }

    @Test
    void a_429_in_a_burst_says_retry_after_0_and_a_409_says_1() {
        emulator.faults().burst("*", 429, 409);

        ArmClient.Reply throttled = arm.get(extension + EXTENSION_API);
        ArmClient.Reply conflict = arm.get(extension + EXTENSION_API);

        assertThat(throttled.errorCode()).isEqualTo("TooManyRequests");
        assertThat(throttled.header("Retry-After")).isEqualTo("0");
        assertThat(conflict.errorCode()).isEqualTo("OperationNotAllowed");
        assertThat(conflict.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void a_dropped_poll_resets_the_connection_and_the_operation_runs_on() {
        ArmClient.Reply created = arm.put(extension + EXTENSION_API, ArmEmulatorTest.EXTENSION_BODY);
        emulator.faults().dropPolls(2);
        String status = created.header("Azure-AsyncOperation");

        assertThatThrownBy(() -> arm.getUrl(status)).hasMessageContaining("failed");
        CLOCK.advance(LRO);
        assertThatThrownBy(() -> arm.getUrl(status)).hasMessageContaining("failed");
        ArmClient.Reply resource = arm.get(extension + EXTENSION_API);
        ArmClient.Reply poll = arm.getUrl(status);

        assertThat(resource.status()).as("a GET of the resource is not a poll").isEqualTo(200);
        assertThat(poll.body().path("status").asText()).isEqualTo("Succeeded");
        assertThat(requests()).filteredOn(RecordedRequest::dropped).hasSize(2)
                .allSatisfy(r -> assertThat(r.path()).contains("/operations/"));
    }

    @Test
    void a_put_whose_answer_is_dropped_is_carried_out_and_recorded_as_such() {
        emulator.faults().dropAnswersToPuts(1);

        assertThatThrownBy(() -> arm.put(extension + EXTENSION_API, ArmEmulatorTest.EXTENSION_BODY)).hasMessageContaining("failed");
        ArmClient.Reply again = arm.put(extension + EXTENSION_API, ArmEmulatorTest.EXTENSION_BODY);

        assertThat(again.status()).as("the first PUT's operation holds the cluster").isEqualTo(409);
        assertThat(emulator.resource(extension)).hasValueSatisfying(e ->
                assertThat(e.at("/properties/provisioningState").asText()).isEqualTo("Creating"));
        RecordedRequest first = requests().get(0);
        assertThat(first.dropped()).isTrue();
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.carriedOutWrite()).isTrue();
        assertThat(first.summary()).endsWith(" 201 (connection reset)");
    }

    @Test
    void an_armed_flux_configuration_failure_ends_its_write_failed_with_the_message() {
        arm.put(extension + EXTENSION_API, ArmEmulatorTest.EXTENSION_BODY);
        CLOCK.advance(LRO);
        emulator.faults().failFluxConfiguration("source-controller: unable to clone: authentication required");

        ArmClient.Reply created = arm.put(flux + FLUX_API, ArmEmulatorTest.fluxBody("https://example.com/core"));
        CLOCK.advance(LRO);

        JsonNode op = arm.getUrl(created.header("Azure-AsyncOperation")).body();
        assertThat(op.path("status").asText()).isEqualTo("Failed");
        assertThat(op.at("/error/message").asText()).isEqualTo("source-controller: unable to clone: authentication required");
        JsonNode p = arm.get(flux + FLUX_API).body().path("properties");
        assertThat(p.path("provisioningState").asText()).isEqualTo("Failed");
        assertThat(p.path("errorMessage").asText()).contains("authentication required");
    }
}

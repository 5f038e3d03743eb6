package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An extension install takes its own, longer time (as on AKS); the emulator counts the requests it answered (for benchmarks). */
class ExtensionDurationAndRequestCountsTest {
    private static final Duration LRO = Duration.ofSeconds(2);
    private static final Duration EXTENSION_LRO = Duration.ofSeconds(20);
    private static final String CLUSTER = "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
    private static final String EXTENSION = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version=2025-03-01";

    private final SimulatedClock clock = new SimulatedClock();
    private ArmEmulator emulator;
    private ArmClient arm;

    @BeforeEach
    void start() throws Exception {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(clock).withLroDuration(LRO).withExtensionLroDuration(EXTENSION_LRO));
        emulator.addCluster("sub", "rg", "aks");
        arm = new ArmClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void an_extension_install_runs_for_the_extension_duration_and_asks_to_be_polled_at_that_pace() {
        ArmClient.Reply created = arm.put(EXTENSION, ArmEmulatorTest.EXTENSION_BODY);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Retry-After")).isEqualTo("15"); // 20 s, held to ARM's 15 s at most

        clock.advance(LRO);
        assertThat(arm.getUrl(created.header("Azure-AsyncOperation")).body().path("status").asText()).isEqualTo("Running");

        clock.advance(EXTENSION_LRO.minus(LRO));
        assertThat(arm.getUrl(created.header("Azure-AsyncOperation")).body().path("status").asText()).isEqualTo("Succeeded");
    }

    @Test
    void without_its_own_duration_an_extension_takes_as_long_as_any_operation() {
        assertThat(EmulatorOptions.defaults().withLroDuration(Duration.ZERO).extensionLro()).isEqualTo(Duration.ZERO);
        assertThat(EmulatorOptions.defaults().withExtensionLroDuration(EXTENSION_LRO).withLroDuration(LRO).extensionLro()).isEqualTo(EXTENSION_LRO);
    }

    @Test
    void the_request_counts_say_how_many_requests_and_writes_were_answered_and_are_not_counted_themselves() {
        arm.get(CLUSTER + "?api-version=2025-09-01");
        arm.put(EXTENSION, ArmEmulatorTest.EXTENSION_BODY);
        arm.get(EXTENSION);

        JsonNode counts = arm.send("GET", "/aksflux-emulator/requests", null, false).body();
        JsonNode again = arm.send("GET", "/aksflux-emulator/requests", null, false).body();

        assertThat(counts.path("requests").asInt()).isEqualTo(3);
        assertThat(counts.path("writes").asInt()).isEqualTo(1);
        assertThat(counts.path("runCommands").asInt()).isZero();
        assertThat(counts.path("byMethod").path("GET").asInt()).isEqualTo(2);
        assertThat(counts.path("byMethod").path("PUT").asInt()).isEqualTo(1);
        assertThat(again).isEqualTo(counts);
    }
}

package io.aksflux.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Each subscription's read allowance, as ARM counts it down in a header and throttles once it is spent. */
class ReadBudgetTest {
    private final SimulatedClock clock = new SimulatedClock();
    private ArmEmulator emulator;
    private ArmClient arm;
    private final String cluster = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"
            + "?api-version=2025-03-01";

    @BeforeEach
    void start() throws Exception {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(clock));
        emulator.addCluster("s1", "rg", "aks").addCluster("s2", "rg", "aks");
        arm = new ArmClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void every_read_says_how_many_reads_are_left_of_arms_twelve_thousand_an_hour() {
        assertThat(arm.get(cluster).header(ReadBudget.REMAINING_READS)).isEqualTo("11999");
        assertThat(arm.get(cluster).header(ReadBudget.REMAINING_READS)).isEqualTo("11998");
        assertThat(arm.get(cluster.replace("/s1/", "/s2/")).header(ReadBudget.REMAINING_READS)).as("each subscription its own").isEqualTo("11999");
    }

    @Test
    void a_spent_budget_answers_429_until_a_read_has_refilled() {
        emulator.readBudget().allow(2, Duration.ofMinutes(1)); // one read back every 30 s

        assertThat(arm.get(cluster).header(ReadBudget.REMAINING_READS)).isEqualTo("1");
        assertThat(arm.get(cluster).header(ReadBudget.REMAINING_READS)).isEqualTo("0");
        ArmClient.Reply throttled = arm.get(cluster);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("TooManyRequests");
        assertThat(throttled.header("Retry-After")).isEqualTo("30");
        assertThat(arm.get(cluster.replace("/s1/", "/s2/")).status()).as("another subscription still reads").isEqualTo(200);

        clock.advance(Duration.ofSeconds(30));

        assertThat(arm.get(cluster).status()).isEqualTo(200);
        assertThat(emulator.readBudget().throttled()).isEqualTo(1);
    }

    @Test
    void writes_do_not_spend_reads() {
        emulator.readBudget().allow(1, Duration.ofHours(1));

        arm.post(cluster.replace("?", "/runCommand?"), "{\"command\": \"kubectl get ns\"}");

        assertThat(arm.get(cluster).status()).isEqualTo(200);
        assertThat(arm.get(cluster).status()).isEqualTo(429);
    }

    @Test
    void requests_are_recorded_with_the_time_they_were_answered() {
        arm.get(cluster);
        clock.advance(Duration.ofSeconds(5));
        arm.get(cluster);

        assertThat(emulator.requests()).extracting(RecordedRequest::at).containsExactly(clock.get().minusSeconds(5), clock.get());
    }
}

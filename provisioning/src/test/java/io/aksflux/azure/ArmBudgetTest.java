package io.aksflux.azure;

import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The process's ARM budget on its own, on simulated time. */
class ArmBudgetTest {
    private static final String S1 = "https://management.azure.com/subscriptions/S1/resourceGroups/rg/providers/x?api-version=1";
    private static final String S2 = "https://management.azure.com/subscriptions/s2/providers/y?api-version=1";
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final ArmBudget budget = new ArmBudget(ticker);

    @Test
    void a_429_holds_every_later_request_back_until_its_retry_after_whatever_its_subscription() throws Exception {
        Instant start = ticker.now();
        budget.heard(S1, 429, Optional.of(Duration.ofSeconds(30)), OptionalInt.empty());

        budget.awaitTurn(S2, false);
        assertThat(ticker.now()).isEqualTo(start.plusSeconds(30));
        budget.awaitTurn(S1, true);
        assertThat(ticker.now()).as("the hold is over for everyone").isEqualTo(start.plusSeconds(30));
    }

    @Test
    void a_retry_after_of_0_or_none_holds_for_the_floor() throws Exception {
        Instant start = ticker.now();
        budget.heard(S1, 429, Optional.of(Duration.ZERO), OptionalInt.empty());
        budget.awaitTurn(S1, true);
        assertThat(ticker.now()).isEqualTo(start.plus(ArmBudget.Settings.standard().throttleFloor()));

        budget.heard(S1, 429, Optional.empty(), OptionalInt.empty());
        budget.awaitTurn(S1, true);
        assertThat(ticker.now()).isEqualTo(start.plus(ArmBudget.Settings.standard().throttleFloor().multipliedBy(2)));
    }

    @Test
    void reads_are_spaced_the_further_the_fewer_remain_up_to_a_minute() {
        budget.heard(S1, 200, Optional.empty(), OptionalInt.of(5000));
        assertThat(budget.spacing("s1")).isZero();
        budget.heard(S1, 200, Optional.empty(), OptionalInt.of(600));
        assertThat(budget.spacing("s1")).isEqualTo(Duration.ofSeconds(2));
        budget.heard(S1, 200, Optional.empty(), OptionalInt.of(3));
        assertThat(budget.spacing("s1")).isEqualTo(Duration.ofSeconds(60));
        assertThat(budget.spacing("s2")).as("another subscription keeps its own count").isZero();
    }

    @Test
    void spaced_reads_of_a_subscription_take_turns_and_writes_are_not_spaced() throws Exception {
        budget.heard(S1, 200, Optional.empty(), OptionalInt.of(600)); // 2 s apart
        Instant start = ticker.now();

        budget.awaitTurn(S1, true);
        budget.awaitTurn(S1, true);
        budget.awaitTurn(S1, true);
        assertThat(ticker.now()).isEqualTo(start.plusSeconds(4));
        budget.awaitTurn(S1, false);
        budget.awaitTurn(S2, true);
        assertThat(ticker.now()).isEqualTo(start.plusSeconds(4));
    }
}

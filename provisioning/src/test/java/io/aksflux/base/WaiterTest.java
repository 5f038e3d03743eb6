package io.aksflux.base;

import io.aksflux.error.WaitTimedOutException;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one bounded wait, on a simulated clock with production pacing: 10 s polls, 1 s floor, 60 s cap, 30 s heartbeat. */
class WaiterTest {
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private final Waiter waiter = new Waiter(ticker.pacing(), progress);
    private final Instant start = ticker.now();
    private final List<Long> pollsAt = new ArrayList<>();

    /** A poller that is pending with these Retry-After values (null: ARM said nothing), recording when it was asked. */
    private java.util.function.Supplier<Waiter.Poll<String>> pending(Integer... retryAfterSeconds) {
        Iterator<Integer> answers = java.util.Arrays.asList(retryAfterSeconds).iterator();
        return () -> {
            pollsAt.add(Duration.between(start, ticker.now()).toSeconds());
            Integer next = answers.hasNext() ? answers.next() : null;
            return Waiter.Poll.pending("x", "Running", Optional.ofNullable(next).map(Duration::ofSeconds));
        };
    }

    @Test
    void each_poll_is_paced_by_its_own_retry_after_within_the_floor_and_the_cap() {
        waiter.poll("the operation", Duration.ofMinutes(3), pending(0, 5, 600, null));

        // 0 → the 1 s floor, then 5 s as asked, 600 → the 60 s cap, then the 10 s poll interval when ARM is silent
        assertThat(pollsAt.subList(0, 5)).containsExactly(0L, 1L, 6L, 66L, 76L);
    }

    @Test
    void the_deadline_is_checked_at_the_deadline_not_at_the_next_poll() {
        Waiter.Outcome<String> outcome = waiter.poll("the operation", Duration.ofSeconds(25), pending());

        assertThat(outcome.done()).isFalse();
        assertThat(pollsAt).containsExactly(0L, 10L, 20L, 25L);
        assertThat(ticker.slept()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void a_retry_after_of_zero_polls_at_most_once_a_second() {
        Integer[] zeros = new Integer[200];
        java.util.Arrays.fill(zeros, 0);

        waiter.poll("the command", Duration.ofSeconds(60), pending(zeros));

        assertThat(pollsAt).hasSize(61);
    }

    @Test
    void a_long_wait_says_what_it_waits_for_then_beats_every_thirty_seconds() {
        waiter.poll("extension flux", Duration.ofMinutes(2), pending(45, 45, 45));

        assertThat(progress.lines()).containsExactly(
                "waiting for extension flux (Running)",
                "still waiting for extension flux (Running, 30s of 2m)",
                "still waiting for extension flux (Running, 1m of 2m)",
                "still waiting for extension flux (Running, 1m30s of 2m)",
                "still waiting for extension flux (Running, 2m of 2m)");
    }

    @Test
    void a_wait_done_at_once_neither_sleeps_nor_talks() {
        String value = waiter.await("the operation", Duration.ofMinutes(1), () -> Waiter.Poll.done("ok"));

        assertThat(value).isEqualTo("ok");
        assertThat(ticker.slept()).isZero();
        assertThat(progress.lines()).isEmpty();
    }

    @Test
    void await_at_the_deadline_names_what_it_waited_for_and_its_last_state() {
        assertThatThrownBy(() -> waiter.await("extension flux (/subscriptions/s/x)", Duration.ofMinutes(5), pending()))
                .isInstanceOf(WaitTimedOutException.class)
                .hasMessageStartingWith("timed out after 5m (the wait timeout) waiting for extension flux (/subscriptions/s/x); last state: Running");
        assertThat(ticker.slept()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void the_first_poll_waits_the_retry_after_of_the_answer_that_started_the_operation() {
        waiter.poll("the command", Duration.ofMinutes(3), Optional.of(Duration.ofSeconds(15)), pending(15, 15));

        assertThat(pollsAt.subList(0, 3)).containsExactly(15L, 30L, 45L);
    }

    @Test
    void the_first_wait_is_held_between_the_floor_and_the_cap_and_never_passes_the_deadline() {
        waiter.poll("the command", Duration.ofMinutes(3), Optional.of(Duration.ZERO), pending(600));
        assertThat(pollsAt.subList(0, 2)).containsExactly(1L, 61L);

        pollsAt.clear();
        waiter.poll("the command", Duration.ofSeconds(20), Optional.of(Duration.ofSeconds(45)), pending());
        assertThat(pollsAt).containsExactly(180L + 20L); // begun when the first wait ended, at 3 min: one poll, at its deadline
    }

    @Test
    void a_long_first_wait_is_announced_and_beats_before_any_poll() {
        waiter.poll("command on cluster c", Duration.ofMinutes(2), Optional.of(Duration.ofSeconds(60)), pending(60));

        assertThat(progress.lines()).startsWith(
                "waiting for command on cluster c (Accepted)",
                "still waiting for command on cluster c (Accepted, 30s of 2m)",
                "still waiting for command on cluster c (Accepted, 1m of 2m)",
                "still waiting for command on cluster c (Running, 1m30s of 2m)");
        assertThat(pollsAt.get(0)).isEqualTo(60L);
    }

    @Test
    void an_operation_without_a_first_retry_after_is_polled_at_once() {
        waiter.poll("the operation", Duration.ofSeconds(5), Optional.empty(), pending());

        assertThat(pollsAt.get(0)).isZero();
    }
}

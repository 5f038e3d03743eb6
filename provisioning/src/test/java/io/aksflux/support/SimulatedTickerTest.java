package io.aksflux.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated clock under environments applied side by side: several threads sleeping on it at once. */
class SimulatedTickerTest {

    @Test
    void concurrent_sleepers_each_move_the_clock_by_their_own_duration_and_none_sees_time_go_back() throws Exception {
        SimulatedTicker ticker = new SimulatedTicker();
        Instant start = ticker.now();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> sleepers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                sleepers.add(threads.submit(() -> {
                    boolean monotonic = true;
                    Instant last = ticker.now();
                    for (int i = 0; i < 5_000; i++) {
                        ticker.sleep(Duration.ofSeconds(10));
                        Instant now = ticker.now();
                        monotonic &= now.isAfter(last);
                        last = now;
                    }
                    return monotonic;
                }));
            }
            for (Future<Boolean> sleeper : sleepers) {
                assertThat(sleeper.get()).as("time never stands still or goes back for a sleeper").isTrue();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(Duration.between(start, ticker.now())).isEqualTo(Duration.ofSeconds(8 * 5_000 * 10));
        assertThat(ticker.slept()).isEqualTo(Duration.ofSeconds(8 * 5_000 * 10));
    }
}

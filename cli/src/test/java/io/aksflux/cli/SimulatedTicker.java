package io.aksflux.cli;

import io.aksflux.base.Pacing;
import io.aksflux.base.Ticker;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when the code under test waits, shared with the emulator: no test sleeps for real.
 * Safe for several threads at once (environments applied side by side): every read and move of the time holds the
 * lock, and each sleeper moves the one clock forward by its own duration, so simulated time only grows.
 */
final class SimulatedTicker implements Ticker {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        now = now.plus(duration);
    }

    /** Production intervals (10 s polls, 15 s conflict backoff, 8 retries) on simulated time. */
    Pacing pacing() {
        return new Pacing(this, Duration.ofSeconds(10), Duration.ofSeconds(15), 8);
    }
}

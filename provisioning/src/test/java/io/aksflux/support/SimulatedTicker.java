package io.aksflux.support;

import io.aksflux.base.Pacing;
import io.aksflux.base.Ticker;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when the code under test waits: no test sleeps for real.
 * Safe for several threads at once (environments applied side by side): every read and move of the time holds the
 * lock, and each sleeper moves the one clock forward by its own duration, so simulated time only grows.
 */
public final class SimulatedTicker implements Ticker {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private Duration slept = Duration.ZERO;

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        now = now.plus(duration);
        slept = slept.plus(duration);
    }

    public synchronized Duration slept() {
        return slept;
    }

    /** Production intervals on simulated time. */
    public Pacing pacing() {
        return new Pacing(this, Duration.ofSeconds(10), Duration.ofSeconds(15), 8);
    }
}

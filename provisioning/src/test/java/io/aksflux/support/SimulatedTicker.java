package io.aksflux.support;

import io.aksflux.base.Pacing;
import io.aksflux.base.Ticker;
import io.aksflux.emulator.SimulatedClock;

import java.time.Duration;
import java.time.Instant;

/**
 * The one simulated clock seen as the engine's {@link Ticker}: it moves only when the code under test waits, so no
 * test sleeps for real. Hand it to the emulator as its clock ({@code withClock(ticker)}) and both share one time.
 * Safe for several threads at once (environments applied side by side): each sleeper moves the one clock forward by
 * its own duration under the clock's lock, so simulated time only grows.
 */
public final class SimulatedTicker extends SimulatedClock implements Ticker {
    private Duration slept = Duration.ZERO;

    @Override
    public Instant now() {
        return get();
    }

    @Override
    public synchronized void sleep(Duration duration) {
        advance(duration);
        slept = slept.plus(duration);
    }

    /** How long the code under test has slept in all. */
    public synchronized Duration slept() {
        return slept;
    }

    /** Production intervals (10 s polls, 15 s conflict backoff, 8 retries) on simulated time. */
    public Pacing pacing() {
        return new Pacing(this, Duration.ofSeconds(10), Duration.ofSeconds(15), 8);
    }
}

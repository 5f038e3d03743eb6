package io.aksflux.emulator.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Time as every handler sees it, and the simulated durations: one place, so tests drive it all with one clock. */
public record EmulatorClock(Supplier<Instant> clock, Duration lroDuration, Duration reconcileStep, Duration extensionLroDuration) {
    public EmulatorClock(Supplier<Instant> clock, Duration lroDuration, Duration reconcileStep) {
        this(clock, lroDuration, reconcileStep, lroDuration);
    }

    public Instant now() {
        return clock.get();
    }

    /** What to put in {@code Retry-After} while an operation runs: its length, 1-15 s, as ARM suggests polls. */
    public String retryAfterSeconds() {
        return retryAfterSeconds(lroDuration);
    }

    /** {@code Retry-After} for an operation of this length. */
    public String retryAfterSeconds(Duration length) {
        long seconds = (length.toMillis() + 999) / 1000;
        return Long.toString(Math.max(1, Math.min(15, seconds)));
    }
}

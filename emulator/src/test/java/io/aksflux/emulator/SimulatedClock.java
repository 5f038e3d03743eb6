package io.aksflux.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Time that moves only when the test says so. */
final class SimulatedClock implements Supplier<Instant> {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Override
    public synchronized Instant get() {
        return now;
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}

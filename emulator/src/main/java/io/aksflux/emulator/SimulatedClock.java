package io.aksflux.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Time that moves only when a test says so, for the emulator ({@link EmulatorOptions#withClock}) and the code that
 * waits on it. It ships with the emulator, itself a test double, because the emulator sits below every other
 * module: its own tests use it as it is, and the engine's simulated ticker ({@code io.aksflux.support.SimulatedTicker}
 * in provisioning's test support) is this clock moved by the code under test's sleeps, so there is one simulated time.
 * Every read and move holds the lock: time only grows, whichever thread moves it.
 */
public class SimulatedClock implements Supplier<Instant> {
    /** Where simulated time starts in every test. */
    public static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private Instant now = START;

    @Override
    public synchronized Instant get() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}

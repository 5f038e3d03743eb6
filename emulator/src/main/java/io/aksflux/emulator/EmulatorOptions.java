package io.aksflux.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How an emulator instance behaves: its port (0 = any free port), its clock (tests pass a simulated one so
 * nothing sleeps), how long each long-running operation takes, and how long each kustomization takes to turn
 * Compliant once its dependencies are.
 */
public record EmulatorOptions(int port, Supplier<Instant> clock, Duration lroDuration, Duration reconcileStep) {
    public static final Duration DEFAULT_LRO = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RECONCILE_STEP = Duration.ofSeconds(2);

    public EmulatorOptions {
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, not " + port);
        }
        if (lroDuration.isNegative() || reconcileStep.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** Any free port, the system clock, 2 s operations, 2 s per reconcile step. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, Instant::now, DEFAULT_LRO, DEFAULT_RECONCILE_STEP);
    }

    public EmulatorOptions withPort(int value) {
        return new EmulatorOptions(value, clock, lroDuration, reconcileStep);
    }

    public EmulatorOptions withClock(Supplier<Instant> value) {
        return new EmulatorOptions(port, value, lroDuration, reconcileStep);
    }

    public EmulatorOptions withLroDuration(Duration value) {
        return new EmulatorOptions(port, clock, value, reconcileStep);
    }

    public EmulatorOptions withReconcileStep(Duration value) {
        return new EmulatorOptions(port, clock, lroDuration, value);
    }
}

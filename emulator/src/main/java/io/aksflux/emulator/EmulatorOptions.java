package io.aksflux.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How an emulator instance behaves: its port (0 = any free port), the address it listens on (loopback unless asked:
 * it accepts any token), its clock (tests pass a simulated one so nothing sleeps), how long each long-running
 * operation takes (an extension install or update may take its own, longer time, as on AKS, where it takes minutes), and how
 * long each kustomization takes to turn Compliant once its dependencies are.
 */
public record EmulatorOptions(int port, Supplier<Instant> clock, Duration lroDuration, Duration reconcileStep, String bindAddress,
                              Optional<Duration> extensionLroDuration) {
    public static final Duration DEFAULT_LRO = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RECONCILE_STEP = Duration.ofSeconds(2);
    /** Loopback only: anything on the network could otherwise use an ARM that accepts any token. */
    public static final String LOOPBACK = "127.0.0.1";

    public EmulatorOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(extensionLroDuration, "extensionLroDuration");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, not " + port);
        }
        if (lroDuration.isNegative() || reconcileStep.isNegative() || extensionLroDuration.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public EmulatorOptions(int port, Supplier<Instant> clock, Duration lroDuration, Duration reconcileStep) {
        this(port, clock, lroDuration, reconcileStep, LOOPBACK);
    }

    /** Extension operations as long as every other. */
    public EmulatorOptions(int port, Supplier<Instant> clock, Duration lroDuration, Duration reconcileStep, String bindAddress) {
        this(port, clock, lroDuration, reconcileStep, bindAddress, Optional.empty());
    }

    /** Any free port on loopback, the system clock, 2 s operations, 2 s per reconcile step. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, Instant::now, DEFAULT_LRO, DEFAULT_RECONCILE_STEP, LOOPBACK, Optional.empty());
    }

    public EmulatorOptions withPort(int value) {
        return new EmulatorOptions(value, clock, lroDuration, reconcileStep, bindAddress, extensionLroDuration);
    }

    public EmulatorOptions withClock(Supplier<Instant> value) {
        return new EmulatorOptions(port, value, lroDuration, reconcileStep, bindAddress, extensionLroDuration);
    }

    /** Every long-running operation's length, the extension's included (until {@link #withExtensionLroDuration} sets its own). */
    public EmulatorOptions withLroDuration(Duration value) {
        return new EmulatorOptions(port, clock, value, reconcileStep, bindAddress, extensionLroDuration);
    }

    /** How long an extension install or update takes (a delete takes the usual). */
    public EmulatorOptions withExtensionLroDuration(Duration value) {
        return new EmulatorOptions(port, clock, lroDuration, reconcileStep, bindAddress, Optional.of(value));
    }

    public EmulatorOptions withReconcileStep(Duration value) {
        return new EmulatorOptions(port, clock, lroDuration, value, bindAddress, extensionLroDuration);
    }

    /** How long an extension operation takes: its own length if set, else every operation's. */
    public Duration extensionLro() {
        return extensionLroDuration.orElse(lroDuration);
    }

    /** The address to listen on, e.g. {@code 0.0.0.0} for every interface. */
    public EmulatorOptions withBindAddress(String value) {
        return new EmulatorOptions(port, clock, lroDuration, reconcileStep, value, extensionLroDuration);
    }
}

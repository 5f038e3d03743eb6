package io.aksflux.cli;

import io.aksflux.base.Pacing;

import java.time.Duration;
import java.util.Map;

/**
 * What commands take from their surroundings instead of globals: the process environment, the pacing of
 * waits (tests pass a simulated clock), the HTTP retry delay, the terminal confirmations are asked on, and
 * where to register what an interruption must say and clean up.
 */
public record CliContext(Map<String, String> processEnvironment, Pacing pacing, Duration httpRetryBaseDelay,
                         Terminal terminal, Interrupts interrupts) {
    public CliContext {
        processEnvironment = Map.copyOf(processEnvironment);
    }

    /** No terminal, and interruptions of its own. */
    public CliContext(Map<String, String> processEnvironment, Pacing pacing, Duration httpRetryBaseDelay) {
        this(processEnvironment, pacing, httpRetryBaseDelay, Terminal.NONE, new Interrupts());
    }

    public static CliContext of(Map<String, String> processEnvironment) {
        return new CliContext(processEnvironment, Pacing.standard(), Duration.ofMillis(800));
    }

    /** The real process: its console, and the interruptions its shutdown hook runs. */
    static CliContext forProcess(Map<String, String> processEnvironment, Interrupts interrupts) {
        return new CliContext(processEnvironment, Pacing.standard(), Duration.ofMillis(800), Terminal.SYSTEM, interrupts);
    }

    public CliContext withTerminal(Terminal value) {
        return new CliContext(processEnvironment, pacing, httpRetryBaseDelay, value, interrupts);
    }

    public CliContext withInterrupts(Interrupts value) {
        return new CliContext(processEnvironment, pacing, httpRetryBaseDelay, terminal, value);
    }
}

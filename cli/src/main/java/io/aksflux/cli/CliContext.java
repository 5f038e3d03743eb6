package io.aksflux.cli;

import io.aksflux.apply.Pacing;

import java.time.Duration;
import java.util.Map;

/**
 * What commands take from their surroundings instead of globals: the process environment, the pacing of
 * waits (tests pass a simulated clock) and the HTTP retry delay.
 */
public record CliContext(Map<String, String> processEnvironment, Pacing pacing, Duration httpRetryBaseDelay) {
    public CliContext {
        processEnvironment = Map.copyOf(processEnvironment);
    }

    public static CliContext of(Map<String, String> processEnvironment) {
        return new CliContext(processEnvironment, Pacing.standard(), Duration.ofMillis(800));
    }
}

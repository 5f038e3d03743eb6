package io.aksflux.engine;

import io.aksflux.apply.ApplyResult;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The apply of several environments: each one's result or failure, in the order they were named. */
public record EstateResult(List<Entry> environments) {
    public EstateResult {
        environments = List.copyOf(environments);
    }

    /** The estate as a whole: the worst of its environments. */
    public enum Outcome { CONVERGED, APPLIED, TIMED_OUT, FAILED }

    /** One environment: its apply result, or the failure that stopped it; {@code elapsed} on the injected clock. */
    public record Entry(String environment, Optional<ApplyResult> result, Optional<RuntimeException> failure, Duration elapsed) {
        public static Entry applied(ApplyResult result, Duration elapsed) {
            return new Entry(result.environment(), Optional.of(result), Optional.empty(), elapsed);
        }

        public static Entry failed(String environment, RuntimeException failure, Duration elapsed) {
            return new Entry(environment, Optional.empty(), Optional.of(failure), elapsed);
        }

        public Outcome outcome() {
            return result.map(r -> Outcome.valueOf(r.outcome().name())).orElse(Outcome.FAILED);
        }
    }

    public Outcome outcome() {
        return environments.stream().map(Entry::outcome).max(Enum::compareTo).orElse(Outcome.CONVERGED);
    }
}

package io.aksflux.engine;

import io.aksflux.apply.ApplyResult;
import io.aksflux.change.SeedResult;
import io.aksflux.error.AksfluxException;
import io.aksflux.error.Blocker;

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

    /**
     * One environment: its apply result, or the failure that stopped it; {@code elapsed} on the injected clock.
     * {@code seed}: what its seed did when it ran before the failure (what was pushed stays pushed), so a failed entry
     * still says so.
     */
    public record Entry(String environment, Optional<ApplyResult> result, Optional<RuntimeException> failure, Duration elapsed,
                        Optional<SeedResult> seed) {
        public static Entry applied(ApplyResult result, Duration elapsed) {
            return new Entry(result.environment(), Optional.of(result), Optional.empty(), elapsed, Optional.empty());
        }

        public static Entry failed(String environment, RuntimeException failure, Duration elapsed) {
            return failed(environment, failure, elapsed, Optional.empty());
        }

        /** A failure after the environment's seed ran: the entry keeps what the seed pushed. */
        public static Entry failed(String environment, RuntimeException failure, Duration elapsed, Optional<SeedResult> seed) {
            return new Entry(environment, Optional.empty(), Optional.of(failure), elapsed, seed);
        }

        /**
         * What kept it from converging, as data for reports: the objects still not compliant when convergence timed out,
         * else what its failure names (the resource Azure reported Failed and the objects it listed); empty when converged
         * or when the failure is not about an object (its message then says it all).
         */
        public List<Blocker> blockers() {
            return result.map(r -> r.blocking().stream()
                            .map(b -> new Blocker(b.kind(), b.namespace().isEmpty() ? b.name() : b.namespace() + "/" + b.name(),
                                    b.complianceState(), b.message())).toList())
                    .orElseGet(() -> failure.filter(AksfluxException.class::isInstance).map(f -> ((AksfluxException) f).blockers())
                            .orElse(List.of()));
        }

        /** A wait that reached --wait-timeout is a timeout, like convergence that did not come in time. */
        public Outcome outcome() {
            return result.map(r -> Outcome.valueOf(r.outcome().name())).orElse(
                    failure.filter(f -> f instanceof io.aksflux.error.WaitTimedOutException).isPresent() ? Outcome.TIMED_OUT : Outcome.FAILED);
        }
    }

    public Outcome outcome() {
        return environments.stream().map(Entry::outcome).max(Enum::compareTo).orElse(Outcome.CONVERGED);
    }
}

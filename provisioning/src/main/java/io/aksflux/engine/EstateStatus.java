package io.aksflux.engine;

import io.aksflux.apply.StatusReport;
import io.aksflux.arm.ArmGateway;
import io.aksflux.environment.Environment;

import java.util.List;
import java.util.Optional;

/**
 * The status of several environments as Azure reports them, in the order they were named: an environment that cannot
 * be read (a cluster that does not exist) carries its failure, and the others are still read. One environment's
 * status is an estate of one.
 */
public record EstateStatus(List<Entry> environments) {
    public EstateStatus {
        environments = List.copyOf(environments);
    }

    /** One environment: its report, or the failure that kept it from being read. */
    public record Entry(String environment, Optional<StatusReport> report, Optional<RuntimeException> failure) {
    }

    public static EstateStatus read(List<Environment> environments, ArmGateway arm) {
        return new EstateStatus(environments.stream().map(env -> {
            try {
                return new Entry(env.name().name(), Optional.of(StatusReport.read(env, arm)), Optional.empty());
            } catch (RuntimeException e) { // one unreadable environment hides none of the others
                return new Entry(env.name().name(), Optional.empty(), Optional.of(e));
            }
        }).toList());
    }

    public boolean anyFailed() {
        return environments.stream().anyMatch(e -> e.failure().isPresent());
    }
}

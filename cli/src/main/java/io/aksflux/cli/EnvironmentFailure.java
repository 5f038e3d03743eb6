package io.aksflux.cli;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A failure while working on one of several environments, carrying that environment's name to {@link ErrorRenderer}
 * (for the JSON error object); the renderer shows only the cause.
 */
final class EnvironmentFailure extends RuntimeException {
    private final String environment;

    private EnvironmentFailure(String environment, RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
        this.environment = environment;
    }

    /** Runs {@code work} for {@code environment}; a failure names it. */
    static <T> T naming(String environment, Supplier<T> work) {
        try {
            return work.get();
        } catch (EnvironmentFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EnvironmentFailure(environment, e);
        }
    }

    static Optional<String> environmentOf(Exception e) {
        return e instanceof EnvironmentFailure f ? Optional.of(f.environment) : Optional.empty();
    }

    /** The failure itself, without this wrapper. */
    static Exception cause(Exception e) {
        return e instanceof EnvironmentFailure f ? (Exception) f.getCause() : e;
    }
}

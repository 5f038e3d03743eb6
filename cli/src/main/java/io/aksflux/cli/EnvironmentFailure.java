package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.change.SeedResult;
import io.aksflux.engine.EstateResult;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A failure while working on one of several environments, carrying that environment's name to {@link ErrorRenderer}
 * (for the JSON error object); the renderer shows only the cause.
 */
final class EnvironmentFailure extends RuntimeException {
    private final String environment;
    private final transient SeedResult seed;

    private EnvironmentFailure(String environment, RuntimeException cause) {
        this(environment, cause, null);
    }

    private EnvironmentFailure(String environment, RuntimeException cause, SeedResult seed) {
        super(cause.getMessage(), cause, false, false);
        this.environment = environment;
        this.seed = seed;
    }

    /**
     * The result of an environment of an estate of one, whose failure is the command's error: raised naming the
     * environment, with what its seed pushed before it.
     */
    static ApplyResult resultOf(EstateResult.Entry entry) {
        entry.failure().ifPresent(e -> {
            throw new EnvironmentFailure(entry.environment(), e, entry.seed().orElse(null));
        });
        return entry.result().orElseThrow();
    }

    /** The seed result a failure carries when the seed pushed something before it (what stays in Git). */
    static Optional<SeedResult> pushedSeedOf(Exception e) {
        return e instanceof EnvironmentFailure f && f.seed != null && f.seed.repos().stream().anyMatch(SeedResult.Repo::pushed)
                ? Optional.of(f.seed) : Optional.empty();
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

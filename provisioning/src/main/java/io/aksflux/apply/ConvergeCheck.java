package io.aksflux.apply;

import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.desired.ArmResource;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitRemote;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits until every kustomization of the flux configuration is Compliant at the revision Flux must reach: the pinned
 * commit, or the commit the pinned tag names; unpinned, the commit this run's seed pushed, else the source branch's head.
 * A semver range is Flux's to resolve (aksflux does not evaluate ranges), so then Compliant alone counts.
 */
final class ConvergeCheck implements Check {
    private final Environment env;
    private final ArmResource flux;
    private final Convergence convergence;
    private final GitRemote git;
    private final Duration timeout;
    private final Supplier<Optional<String>> seeded;
    private List<ResourceState.ObjectStatus> blocking = List.of();

    /** @param seeded the commit this run's seed pushed to the configuration's source, if any */
    ConvergeCheck(Environment env, ArmResource flux, ArmWriter writer, GitRemote git, Pacing pacing, Progress progress,
                  Duration timeout, Supplier<Optional<String>> seeded) {
        this.env = env;
        this.flux = flux;
        this.convergence = new Convergence(writer, pacing, progress);
        this.git = git;
        this.timeout = timeout;
        this.seeded = seeded;
    }

    @Override
    public ApplyResult.StageResult run() {
        blocking = env.flux().gitRepository().pinned()
                ? convergence.await(flux, timeout, pinnedRevision(), this::pinnedRevision,
                env.flux().gitRepository().commit() != null ? "the pinned commit" : "the commit " + pinned(env) + " names")
                : convergence.await(flux, timeout, seeded.get().or(this::sourceHead), this::sourceHead);
        return new ApplyResult.StageResult(Stage.CONVERGE.label(), blocking.isEmpty() ? "done" : "timed-out",
                blocking.isEmpty() ? "every kustomization Compliant" : blocking.size() + " object(s) not compliant");
    }

    /** The objects that were not compliant when time ran out; empty when converged or not run. */
    List<ResourceState.ObjectStatus> blocking() {
        return blocking;
    }

    private Optional<String> pinnedRevision() {
        return SourceRevision.pinned(env, git);
    }

    static String pinned(Environment env) {
        return env.flux().gitRepository().describe(env.repos().byRole(env.flux().sourceRepo()).branch());
    }

    private Optional<String> sourceHead() {
        return SourceRevision.head(env, git);
    }
}

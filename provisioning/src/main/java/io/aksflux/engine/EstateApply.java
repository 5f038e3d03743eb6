package io.aksflux.engine;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.Pacing;
import io.aksflux.apply.Progress;
import io.aksflux.arm.ArmGateway;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitRemote;
import io.aksflux.git.RepositoryLocks;
import io.aksflux.secret.SecretSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies several environments at once, as a disaster-recovery rebuild or a change rolled to every environment
 * does: each runs the normal stages with its own provisioner, at most {@code parallel} at a time, and one
 * failing never stops the others. Git work is serialized per repository ({@link RepositoryLocks}), since every
 * environment seeds the same repositories; ARM work and the waits run side by side.
 */
public final class EstateApply {
    private final Workspace workspace;
    private final int parallel;

    /** Hears when each environment starts (on its worker thread) and ends; gives the progress it reports to. */
    public interface Watch {
        Progress started(String environment);

        void finished(EstateResult.Entry entry);
    }

    public EstateApply(Workspace workspace, int parallel) {
        if (parallel < 1) {
            throw new io.aksflux.error.UsageException("--parallel must be at least 1, not " + parallel);
        }
        this.workspace = workspace;
        this.parallel = parallel;
    }

    public EstateResult apply(List<Environment> environments, Workspace.ApplyOptions options, ArmGateway arm, GitRemote git,
                              SecretSource keyVault, Pacing pacing, Watch watch) {
        RepositoryLocks locks = new RepositoryLocks();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, environments.size())));
        try {
            List<Future<EstateResult.Entry>> running = new ArrayList<>();
            for (Environment env : environments) {
                running.add(workers.submit(() -> applyOne(env, options, arm, locks.serialize(git, env), keyVault, pacing, watch)));
            }
            List<EstateResult.Entry> entries = new ArrayList<>();
            for (Future<EstateResult.Entry> entry : running) {
                entries.add(entry.get());
            }
            return new EstateResult(entries);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Pacing.InterruptedWait();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause()); // applyOne turns every other failure into its environment's result
        } finally {
            workers.shutdownNow();
        }
    }

    private EstateResult.Entry applyOne(Environment env, Workspace.ApplyOptions options, ArmGateway arm, GitRemote git,
                                        SecretSource keyVault, Pacing pacing, Watch watch) {
        Instant start = pacing.ticker().now();
        Progress progress = watch.started(env.name().name());
        EstateResult.Entry entry;
        try {
            ApplyResult result = workspace.apply(env, options, arm, git, keyVault, pacing, progress);
            entry = EstateResult.Entry.applied(result, since(start, pacing));
        } catch (RuntimeException e) { // this environment's failure is its own; the others carry on
            entry = EstateResult.Entry.failed(env.name().name(), e, since(start, pacing));
        }
        watch.finished(entry);
        return entry;
    }

    private static Duration since(Instant start, Pacing pacing) {
        return Duration.between(start, pacing.ticker().now());
    }
}

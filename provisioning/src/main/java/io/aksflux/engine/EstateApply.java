package io.aksflux.engine;

import io.aksflux.apply.ApplyResult;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.apply.Stage;
import io.aksflux.arm.ArmGateway;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitRemote;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.change.SeedResult;
import io.aksflux.secret.SecretSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies several environments at once, as a disaster-recovery rebuild or a change rolled to every environment
 * does: each runs the normal stages with its own provisioner, at most {@code parallel} at a time, and one
 * failing never stops the others. Every environment seeds the same repositories, so seeding comes first, as one
 * seed for the estate (each repository cloned once, one commit per repository naming the environments): the branches
 * then stop moving before any convergence wait starts, and every environment converges at the final head instead of
 * Flux reconciling the early ones again after each later seed. Pushes never race one another; after the seed, Git is
 * only read, and ARM work and the waits run side by side.
 * An estate of one (a single {@code apply ENV}) has nobody to wait for: its seed keeps its place after the preflight.
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
            throw new IllegalArgumentException("at least one environment at a time, not " + parallel); // the command line refuses it first
        }
        this.workspace = workspace;
        this.parallel = parallel;
    }

    /** @param kubectl what {@code seed.verify: kubectl} runs when the seeds go first (empty: that option is refused) */
    public EstateResult apply(List<Environment> environments, Workspace.ApplyOptions options, ArmGateway arm, GitRemote git,
                              Optional<Kubectl> kubectl, SecretSource keyVault, Pacing pacing, Watch watch) {
        // built once per environment, by the first of its seed and apply (inside each, so a failure stays the environment's)
        Map<String, io.aksflux.desired.DesiredState> desired = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Progress> progress = new java.util.LinkedHashMap<>();
        Map<String, EstateResult.Entry> failedSeeding = new java.util.HashMap<>();
        Map<String, SeedResult> seeded = options.skip().contains(Stage.SEED) || environments.size() < 2 ? Map.of()
                : seedAll(environments, desired, git, kubectl, pacing, watch, progress, failedSeeding);
        List<java.util.function.Supplier<EstateResult.Entry>> work = new ArrayList<>();
        for (Environment env : environments) {
            String name = env.name().name();
            EstateResult.Entry failed = failedSeeding.get(name);
            work.add(failed != null ? () -> failed : () -> applyOne(env, desired, options, arm, git, kubectl, keyVault, pacing, watch,
                    progress.get(name), Optional.ofNullable(seeded.get(name))));
        }
        return new EstateResult(SideBySide.run(parallel, work));
    }

    /**
     * The seed stage of every environment at once: one seed for the estate, each repository cloned once and pushed
     * once ({@link Workspace#seed(List, java.util.function.Function, Workspace.SeedOptions, GitRemote, Optional, java.util.function.Function)});
     * an environment whose seed fails goes no further, the others go on.
     */
    private Map<String, SeedResult> seedAll(List<Environment> environments, Map<String, io.aksflux.desired.DesiredState> desired,
                                            GitRemote git, Optional<Kubectl> kubectl, Pacing pacing,
                                            Watch watch, Map<String, Progress> progress, Map<String, EstateResult.Entry> failed) {
        Instant start = pacing.ticker().now();
        for (Environment env : environments) {
            Progress envProgress = watch.started(env.name().name());
            progress.put(env.name().name(), envProgress);
            envProgress.stage(Stage.SEED.label(), "Git repositories, one seed for every environment before any goes on");
        }
        Map<String, SeedResult> seeded = new java.util.HashMap<>();
        for (io.aksflux.seed.EstateSeeder.Outcome outcome : workspace.seed(environments,
                env -> desired.computeIfAbsent(env.name().name(), n -> workspace.desired(env)),
                new Workspace.SeedOptions(false, null), git, kubectl, progress::get)) {
            outcome.result().ifPresent(result -> seeded.put(outcome.environment(), result));
            outcome.failure().ifPresent(e -> { // this environment's failure is its own; the others carry on
                EstateResult.Entry entry = EstateResult.Entry.failed(outcome.environment(), e, since(start, pacing));
                failed.put(outcome.environment(), entry);
                watch.finished(entry);
            });
        }
        return seeded;
    }

    private EstateResult.Entry applyOne(Environment env, Map<String, io.aksflux.desired.DesiredState> desired, Workspace.ApplyOptions options, ArmGateway arm, GitRemote git,
                                        Optional<Kubectl> kubectl,
                                        SecretSource keyVault, Pacing pacing, Watch watch, Progress seededProgress,
                                        Optional<SeedResult> seeded) {
        Instant start = pacing.ticker().now();
        SeedKept progress = new SeedKept(seededProgress != null ? seededProgress : watch.started(env.name().name()));
        EstateResult.Entry entry;
        try {
            ApplyResult result = workspace.apply(env, desired.computeIfAbsent(env.name().name(), n -> workspace.desired(env)), options, arm, git, kubectl,
                    keyVault, pacing, progress, seeded);
            entry = EstateResult.Entry.applied(result, since(start, pacing));
        } catch (RuntimeException e) { // this environment's failure is its own; the others carry on
            entry = EstateResult.Entry.failed(env.name().name(), e, since(start, pacing), seeded.or(progress::result));
        }
        watch.finished(entry);
        return entry;
    }

    /** Passes progress on and keeps the seed stage's result, so a failure after a seed in its place still says what was pushed. */
    private static final class SeedKept implements Progress {
        private final Progress progress;
        private volatile SeedResult seeded;

        SeedKept(Progress progress) {
            this.progress = progress;
        }

        Optional<SeedResult> result() {
            return Optional.ofNullable(seeded);
        }

        @Override
        public void stage(String stage, String detail) {
            progress.stage(stage, detail);
        }

        @Override
        public void info(String message) {
            progress.info(message);
        }

        @Override
        public void warn(String message) {
            progress.warn(message);
        }

        @Override
        public void waiting(String message) {
            progress.waiting(message);
        }

        @Override
        public void pushed(String repo, String url, String branch, String commit) {
            progress.pushed(repo, url, branch, commit);
        }

        @Override
        public void seeded(SeedResult result) {
            seeded = result;
            progress.seeded(result);
        }
    }

    private static Duration since(Instant start, Pacing pacing) {
        return Duration.between(start, pacing.ticker().now());
    }
}

package io.aksflux.engine;

import io.aksflux.apply.RunCommands;
import io.aksflux.arm.ArmGateway;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.cluster.ClusterCommands;
import io.aksflux.environment.Environment;
import io.aksflux.error.Blocker;
import io.aksflux.git.GitRemote;
import io.aksflux.wait.ReleaseWait;
import io.aksflux.wait.Target;
import io.aksflux.wait.WaitReport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The post-deployment wait over several environments, for a release rolled out everywhere: all are waited on at
 * once, each with the same deadline (the waits only read ARM, one GET per poll, so nothing is gained by taking them
 * in turn and a slow environment would otherwise eat the others' time). One environment that cannot be read (a
 * missing flux configuration) is its own failure and hides none of the others.
 */
public record EstateWait(List<Entry> environments) {
    public EstateWait {
        environments = List.copyOf(environments);
    }

    /** One environment: its report, or the failure that kept it from being read; {@code elapsed} on the injected clock. */
    public record Entry(String environment, Optional<WaitReport> report, Optional<RuntimeException> failure, Duration elapsed) {
        public Entry(String environment, Optional<WaitReport> report, Optional<RuntimeException> failure) {
            this(environment, report, failure, Duration.ZERO);
        }

        /** What is not done, as data for reports: each target not ready as last seen, else what the failed read names. */
        public List<Blocker> blockers() {
            return report.map(r -> r.targets().stream().filter(t -> !t.ready())
                    .map(t -> new Blocker(t.target().kind(), t.label().substring(t.target().kind().length()).strip(),
                            t.state().name().toLowerCase(java.util.Locale.ROOT), t.message())).toList())
                    .orElseGet(() -> failure.filter(io.aksflux.error.AksfluxException.class::isInstance)
                            .map(f -> ((io.aksflux.error.AksfluxException) f).blockers()).orElse(List.of()));
        }

        public WaitReport.Outcome outcome() {
            return report.map(WaitReport::outcome).orElse(WaitReport.Outcome.FAILED);
        }

        /** Why it is not ready: the read that failed, or the report's failure or timeout. */
        public Optional<RuntimeException> problem() {
            return failure.or(() -> report.flatMap(WaitReport::failure));
        }
    }

    /**
     * What to wait for and how long, the same in every environment.
     *
     * @param details on a failure, read the release's conditions and events inside the cluster (run command)
     */
    public record Request(List<Target> targets, Duration timeout, boolean details) {
        public Request {
            targets = List.copyOf(targets);
        }

        public Request(List<Target> targets, Duration timeout) {
            this(targets, timeout, false);
        }
    }

    /** @param progress the progress each environment reports to, asked for on its worker thread */
    public static EstateWait await(List<Environment> environments, Request request, ArmGateway arm, GitRemote git, Pacing pacing,
                                   Function<String, Progress> progress) {
        // all at once: each is one GET per poll, and one slow environment must not use up the others' time
        return new EstateWait(SideBySide.run(environments.size(), environments.stream()
                .<java.util.function.Supplier<Entry>>map(env -> () -> one(env, request, arm, git, pacing, progress)).toList()));
    }

    private static Entry one(Environment env, Request request, ArmGateway arm, GitRemote git, Pacing pacing,
                             Function<String, Progress> progress) {
        String name = env.name().name();
        java.time.Instant start = pacing.ticker().now();
        try {
            Progress envProgress = progress.apply(name);
            Optional<ClusterCommands> details = request.details() ? Optional.of(RunCommands.over(arm, pacing, envProgress)) : Optional.empty();
            return new Entry(name, Optional.of(new ReleaseWait(env, arm, git, request.targets(), request.timeout(), pacing,
                    envProgress, details).await()), Optional.empty(), Duration.between(start, pacing.ticker().now()));
        } catch (Pacing.InterruptedWait e) {
            throw e;
        } catch (RuntimeException e) { // this environment's failure is its own; the others carry on
            return new Entry(name, Optional.empty(), Optional.of(e), Duration.between(start, pacing.ticker().now()));
        }
    }

    /** The worst of its environments: any failure, else any timeout, else ready. */
    public WaitReport.Outcome outcome() {
        return environments.stream().map(Entry::outcome).max(Enum::compareTo).orElse(WaitReport.Outcome.READY);
    }
}

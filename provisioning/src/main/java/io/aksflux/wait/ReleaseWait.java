package io.aksflux.wait;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.Check;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.apply.SourceRevision;
import io.aksflux.arm.ArmGateway;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.base.Waiter;
import io.aksflux.cluster.ClusterCommands;
import io.aksflux.desired.ArmResource;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitRemote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The post-deployment wait: polls the environment's flux configuration (ARM alone, so private clusters work too)
 * until every target is ready, one fails, or the deadline passes. One progress line per change of a target's state,
 * the {@link Waiter}'s heartbeat between. It only reads.
 */
public final class ReleaseWait implements Check {
    private final Environment env;
    private final ArmGateway arm;
    private final GitRemote git;
    private final List<Target> targets;
    private final Duration timeout;
    private final Pacing pacing;
    private final Progress progress;
    private final Optional<ClusterCommands> details;

    public ReleaseWait(Environment env, ArmGateway arm, GitRemote git, List<Target> targets, Duration timeout, Pacing pacing,
                       Progress progress) {
        this(env, arm, git, targets, timeout, pacing, progress, Optional.empty());
    }

    /** @param details reads a failed release's conditions and events inside the cluster; empty: ARM's statuses only */
    public ReleaseWait(Environment env, ArmGateway arm, GitRemote git, List<Target> targets, Duration timeout, Pacing pacing,
                       Progress progress, Optional<ClusterCommands> details) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("nothing to wait for"); // the command line refuses it first
        }
        this.env = env;
        this.arm = arm;
        this.git = git;
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.pacing = pacing;
        this.progress = progress;
        this.details = details;
    }

    /** As a check in a list of units: done, or the failure or timeout as its exception. */
    @Override
    public ApplyResult.StageResult run() {
        WaitReport report = await();
        report.failure().ifPresent(f -> {
            throw f;
        });
        return new ApplyResult.StageResult("wait", "done", targets.size() + " target(s) ready");
    }

    public WaitReport await() {
        ArmResource flux = DesiredState.of(env, List.of()).fluxConfiguration();
        Watch watch = new Watch(flux);
        String what = targets.size() == 1 ? targets.get(0).label() + " at " + targets.get(0).wanted().orElse("the source's head")
                : targets.size() + " targets of flux configuration '" + env.flux().name() + "'";
        try {
            Waiter.Outcome<List<TargetState>> outcome = new Waiter(pacing, progress).poll(what, timeout, watch::poll);
            return new WaitReport(env.name().name(), outcome.done() ? WaitReport.Outcome.READY : WaitReport.Outcome.TIMED_OUT,
                    outcome.value(), timeout);
        } catch (Failed failed) {
            return new WaitReport(env.name().name(), WaitReport.Outcome.FAILED, failed.states, timeout, details(failed.states));
        }
    }

    private List<String> details(List<TargetState> states) {
        return details.map(cluster -> states.stream().filter(s -> s.state() == TargetState.State.FAILED)
                .flatMap(s -> ReleaseDetails.of(cluster, env.azure().clusterId(), s).stream()).toList()).orElse(List.of());
    }

    /** One wait's memory: the failure counts at the first poll, the revisions wanted and the lines already printed. */
    private final class Watch {
        private final ArmResource flux;
        private final Map<String, Integer> baseline = new HashMap<>();
        private final Map<Target, String> lastLine = new HashMap<>();
        private final Map<Target, Optional<String>> revisions = new HashMap<>();
        private boolean first = true;

        Watch(ArmResource flux) {
            this.flux = flux;
            for (Target t : targets) {
                if (t instanceof Target.Kustomization k) {
                    revisions.put(t, k.revision().isPresent() ? k.revision() : SourceRevision.now(env, git));
                }
            }
        }

        Waiter.Poll<List<TargetState>> poll() {
            List<FluxObject> objects = arm.get(flux.id(), flux.apiVersion()).map(FluxObject::of).orElseThrow(() -> new ProvisioningFailedException(
                    "flux configuration " + env.flux().name() + " not found on cluster " + env.azure().cluster() + ": apply the environment first"));
            if (first) {
                objects.forEach(o -> baseline.put(HelmReleaseVerdict.key(o), o.failures()));
                first = false;
            }
            List<TargetState> states = new ArrayList<>();
            for (Target t : targets) {
                TargetState state = judge(t, objects);
                states.add(state);
                String line = state.label() + ": " + state.describe();
                if (!line.equals(lastLine.put(t, line))) {
                    progress.info(line);
                }
            }
            if (states.stream().anyMatch(s -> s.state() == TargetState.State.FAILED)) {
                throw new Failed(states);
            }
            long ready = states.stream().filter(TargetState::ready).count();
            return ready == states.size() ? Waiter.Poll.done(states)
                    : Waiter.Poll.pending(states, ready + " of " + states.size() + " ready", Optional.empty());
        }

        private TargetState judge(Target target, List<FluxObject> objects) {
            if (target instanceof Target.HelmRelease release) {
                return HelmReleaseVerdict.judge(release, objects, env.flux().namespace(), baseline);
            }
            Target.Kustomization k = (Target.Kustomization) target;
            TargetState state = KustomizationVerdict.judge(k, objects, env.flux().name(), revisions.get(target));
            if (!state.ready() && k.revision().isEmpty() && !state.seen().isEmpty()) {
                revisions.put(target, SourceRevision.now(env, git)); // the branch moved on: its new head is the one to reach
                state = KustomizationVerdict.judge(k, objects, env.flux().name(), revisions.get(target));
            }
            return state;
        }
    }

    /** Ends the wait at the first failure, with every target as this poll saw it. */
    private static final class Failed extends RuntimeException {
        private final transient List<TargetState> states;

        Failed(List<TargetState> states) {
            super(null, null, false, false);
            this.states = states;
        }
    }
}

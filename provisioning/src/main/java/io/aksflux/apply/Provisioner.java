package io.aksflux.apply;

import io.aksflux.arm.ArmGateway;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.change.Plan;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitRemote;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.plan.ActualState;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Apply and plan: one fixed list of steps and checks, run in order by the {@link StepRunner}, which applies a step only
 * when its plan differs. A plan is the same list with writes off. Adding an ARM resource is one more {@link Stage} and
 * one more line here; the compiler refuses a stage the list does not handle.
 */
public final class Provisioner {
    private final ArmGateway arm;
    private final GitRemote git;
    private final Optional<Kubectl> kubectl;
    private final Pacing pacing;
    private final Progress progress;

    /** Without kubectl: {@code seed.verify: kubectl} is refused (the Java kustomize build is the default). */
    public Provisioner(ArmGateway arm, GitRemote git, Pacing pacing, Progress progress) {
        this(arm, git, Optional.empty(), pacing, progress);
    }

    /** @param kubectl what {@code seed.verify: kubectl} runs, found by whoever wires the adapters (empty: refused) */
    public Provisioner(ArmGateway arm, GitRemote git, Optional<Kubectl> kubectl, Pacing pacing, Progress progress) {
        this.arm = arm;
        this.git = git;
        this.kubectl = kubectl;
        this.pacing = pacing;
        this.progress = progress;
    }

    public ApplyResult apply(ApplyRequest request) {
        // each operation awaited at most the wait timeout; each resource read once unless the run writes or waits
        ArmWriter writer = new ArmWriter(new RunReads(arm), pacing, progress).bounded(request.waitTimeout());
        ApplyRun run = ApplyRun.applying(request, writer, git, kubectl, pacing, progress, RegisteredProviders.of(arm));
        return run.result(new StepRunner(progress).apply(units(run), run.actual(), run::beforeFirstWrite));
    }

    /** What apply would change, read from {@code actual} ({@link ActualState#NOTHING}: the offline plan). */
    public static Plan plan(Environment env, DesiredState desired, ActualState actual, boolean resendProtectedSettings) {
        return new Plan(env.name().name(), StepRunner.plan(units(ApplyRun.planning(env, desired, resendProtectedSettings)), actual));
    }

    public static Plan plan(Environment env, DesiredState desired, ActualState actual) {
        return plan(env, desired, actual, false);
    }

    private static List<StepRunner.Unit> units(ApplyRun run) {
        return Arrays.stream(Stage.values()).filter(run::concerns).map(stage -> unit(stage, run).skippedIf(run.skips(stage), () -> run.skipped(stage))).toList();
    }

    /** The list: each stage's unit and what progress says it does. */
    private static StepRunner.Unit unit(Stage stage, ApplyRun run) {
        String name = stage.label();
        String extension = run.environment().extension().name();
        String flux = run.environment().flux().name();
        return switch (stage) {
            case PREFLIGHT -> StepRunner.Unit.check(name, "providers, cluster, operations in flight", run.preflight());
            case SEED -> StepRunner.Unit.step(name, "Git repositories", run.seed());
            case NOTIFICATIONS -> StepRunner.Unit.step(name, "notification secret", run.notifications());
            case DEPLOY_KEYS -> StepRunner.Unit.step(name, "SSH deploy keys of Flux sources", run.deployKeys());
            case EXTENSION -> StepRunner.Unit.step(name, "microsoft.flux extension '" + extension + "'",
                    run.arm(stage, "extension " + extension, run.desired().extension()));
            case FLUX -> StepRunner.Unit.step(name, "flux configuration '" + flux + "'",
                    run.arm(stage, "flux configuration " + flux, run.desired().fluxConfiguration()));
            case CONVERGE -> StepRunner.Unit.check(name, run.waits() ? "waiting for every kustomization of '" + flux
                    + "' to be Compliant" : "not waiting, as asked", run.converge());
        };
    }
}

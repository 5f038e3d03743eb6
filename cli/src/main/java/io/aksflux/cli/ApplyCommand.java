package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.Stage;
import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Converge the environment: preflight, seed, notifications, extension, flux, converge. Writes only what differs.%n"
                + "Several environments (or --all) are applied concurrently, at most --parallel at a time, and end with a summary.%n"
                + "Without --yes it shows the plan and asks on the terminal; answering anything but y cancels (exit 1, nothing changed).")
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    ArmOptions arm;

    @Mixin
    OutputOption output;

    @Option(names = "--yes", description = "Apply without showing the plan and asking (required when there is no terminal).")
    boolean yes;

    @Option(names = "--no-wait", description = "Send the changes and return without waiting for Azure or Flux.")
    boolean noWait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "20m", converter = DurationConverter.Positive.class,
            description = "How long to wait for each operation and for convergence (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(names = "--skip", paramLabel = "STAGE", split = ",",
            description = "Stages to skip: preflight, seed, notifications, extension, flux, converge.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--register-providers", description = "Register missing resource providers and wait for them.")
    boolean registerProviders;

    @Option(names = "--resend-protected-settings", description = "Send protected settings again (e.g. a rotated token): PUT every resource that has them. Otherwise they are sent only when the resource is created or changes.")
    boolean resendProtectedSettings;

    @Option(names = "--allow-repoint", description = "Rewrite a flux configuration whose kustomization paths differ from this"
            + " environment's (it may be another environment's: with prune: true Flux deletes what the old paths created).")
    boolean allowRepoint;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "With several environments, apply at most N at a time (default: ${DEFAULT-VALUE}; 1: one after the other).")
    int parallel;

    @Mixin
    EnvironmentSelection selection;

    @Override
    public Integer call() {
        Workspace workspace = options.workspace();
        List<String> names = selection.names(workspace, "the environment to apply, e.g. 'aksflux apply snd4'");
        return selection.single() ? applyOne(workspace, names.get(0)) : applyEstate(workspace, names.stream().distinct().toList());
    }

    private int applyOne(Workspace workspace, String environment) {
        Environment env = workspace.environment(environment, options.overrides);
        confirm(workspace, List.of(environment), environment + " (cluster " + env.azure().cluster() + ")");
        ConsoleProgress progress = arm.progress(spec);
        ApplyResult result = interruptible(progress, environment, () -> "during stage '" + progress.currentStage() + "' of " + environment
                        + seedPushes(progress.pushes()),
                () -> EnvironmentFailure.afterSeed(environment, progress::seedResult, () -> workspace.apply(env, applyOptions(),
                        arm.gateway(), workspace.git(), arm.keyVault(), arm.context().pacing(), progress)));
        ApplyView.render(result, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.of(result.outcome());
    }

    /** Several environments: all checked before any starts, then applied side by side; one failing stops none of the others. */
    private int applyEstate(Workspace workspace, List<String> names) {
        EstateApply estate = new EstateApply(workspace, parallel);
        List<Environment> envs = workspace.environments(names, options.overrides);
        confirm(workspace, names, names.size() + " environments (" + String.join(", ", names) + ")");
        ConsoleProgress console = arm.progress(spec);
        EstateConsole watch = new EstateConsole(console, names);
        EstateResult result = interruptible(console, null, () -> "while applying " + watch.stillRunning(),
                () -> estate.apply(envs, applyOptions(), arm.gateway(), workspace.git(), arm.keyVault(), arm.context().pacing(), watch));
        EstateView.render(result, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.of(result.outcome());
    }

    private void confirm(Workspace workspace, List<String> names, String what) {
        if (!yes) {
            ApplyConfirmation.confirm(arm.context().terminal(), spec.commandLine().getErr(), names, what, skipped(),
                    name -> workspace.plan(name, options.overrides, arm.gateway(), workspace.git(), arm.keyVault(),
                            arm.context().pacing(), resendProtectedSettings));
        }
    }

    /** Runs {@code work}; Ctrl-C meanwhile says what was running ({@code where}), what stays, and the command to re-run. */
    private <T> T interruptible(ConsoleProgress console, String environment, Supplier<String> where, Supplier<T> work) {
        try (Interrupts.Registration ignored = arm.context().interrupts().during(() -> ErrorRenderer.interrupted(spec.commandLine(), environment,
                "interrupted " + where.get() + ". A request already sent to Azure continues there; re-run '" + Rerun.of(spec)
                        + "' to converge from wherever it got to."))) {
            return work.get();
        } finally {
            console.finish();
        }
    }

    /** {@code ; seed pushed core 3f1c... to main of URL}: what an interrupted seed left in Git. */
    static String seedPushes(List<String> pushes) {
        return pushes.isEmpty() ? "" : "; the seed pushed " + String.join(", ", pushes);
    }

    private HashSet<Stage> skipped() {
        HashSet<Stage> skipped = new HashSet<>();
        skip.forEach(s -> skipped.add(Stage.parse(s)));
        return skipped;
    }

    private Workspace.ApplyOptions applyOptions() {
        return new Workspace.ApplyOptions(skipped(), !noWait, waitTimeout, registerProviders, resendProtectedSettings, allowRepoint);
    }
}

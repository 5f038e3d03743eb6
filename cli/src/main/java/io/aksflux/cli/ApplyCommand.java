package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.Stage;
import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.error.UsageException;
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

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Converge the environment: preflight, seed, notifications, extension, flux, converge. Writes only what differs.%n"
                + "Several environments (or --all) are applied concurrently, at most --parallel at a time, and end with a summary.")
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    ArmOptions arm;

    @Mixin
    OutputOption output;

    @Option(names = "--yes", description = "Apply without asking (required when there is no terminal).")
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
        return selection.single() ? applyOne(names.get(0)) : applyEstate(workspace, names.stream().distinct().toList());
    }

    private int applyOne(String environment) {
        if (!yes && System.console() == null) {
            throw new UsageException("no terminal to confirm on; pass --yes to apply " + environment);
        }
        Workspace workspace = options.workspace();
        Environment env = workspace.environment(environment, options.overrides);
        if (!yes && !Confirm.ask(spec, "Apply " + environment + " to cluster " + env.azure().cluster() + "?")) {
            return ExitCodes.ERROR;
        }
        ConsoleProgress progress = arm.progress(spec);
        ApplyResult result = interruptible(progress, () -> "during stage '" + progress.currentStage() + "'", "aksflux apply " + environment,
                () -> workspace.apply(env, applyOptions(), arm.gateway(), workspace.git(), arm.keyVault(), arm.context().pacing(), progress));
        ApplyView.render(result, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
        return result.outcome() == ApplyResult.Outcome.TIMED_OUT ? ExitCodes.TIMED_OUT : ExitCodes.OK;
    }

    /** Several environments: all checked before any starts, then applied side by side; one failing stops none of the others. */
    private int applyEstate(Workspace workspace, List<String> names) {
        EstateApply estate = new EstateApply(workspace, parallel);
        if (!yes && System.console() == null) {
            throw new UsageException("no terminal to confirm on; pass --yes to apply " + String.join(", ", names));
        }
        List<Environment> envs = workspace.environments(names, options.overrides);
        if (!yes && !Confirm.ask(spec, "Apply " + names.size() + " environments (" + String.join(", ", names) + ")?")) {
            return ExitCodes.ERROR;
        }
        ConsoleProgress console = arm.progress(spec);
        EstateConsole watch = new EstateConsole(console, names);
        EstateResult result = interruptible(console, () -> "while applying " + watch.stillRunning(),
                "aksflux apply " + (selection.all ? "--all" : String.join(" ", names)),
                () -> estate.apply(envs, applyOptions(), arm.gateway(), workspace.git(), arm.keyVault(), arm.context().pacing(), watch));
        EstateView.render(result, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.of(result.outcome());
    }

    /** Runs {@code work}; Ctrl-C meanwhile says what was running ({@code where}) and what to re-run. */
    private <T> T interruptible(ConsoleProgress console, java.util.function.Supplier<String> where, String rerun,
                                java.util.function.Supplier<T> work) {
        Thread onInterrupt = new Thread(() -> spec.commandLine().getErr().println("\naksflux: interrupted " + where.get()
                + ". A request already sent to Azure continues there; re-run '" + rerun + "' to converge."));
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return work.get();
        } finally {
            console.finish();
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
    }

    private Workspace.ApplyOptions applyOptions() {
        HashSet<Stage> skipped = new HashSet<>();
        skip.forEach(s -> skipped.add(Stage.parse(s)));
        return new Workspace.ApplyOptions(skipped, !noWait, waitTimeout, registerProviders, resendProtectedSettings, allowRepoint);
    }
}

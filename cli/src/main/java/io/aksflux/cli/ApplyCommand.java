package io.aksflux.cli;

import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * One environment or several, on one path: an apply of one environment is an estate of one ({@link EstateApply}),
 * shown as one environment's result. Several are all checked before any starts, then applied side by side.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Converge the environment: preflight, seed, notifications, deploy-keys, extension, flux, converge. Writes only what differs.%n"
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

    @Mixin
    ApplyOptions apply;

    @Mixin
    EnvironmentSelection selection;

    @Mixin
    ReportOptions reports;

    @Override
    public Integer call() {
        Workspace workspace = options.workspace();
        List<String> names = selection.names(workspace, "the environment to apply, e.g. 'aksflux apply snd4'").stream().distinct().toList();
        boolean single = selection.single();
        EstateApply estate = new EstateApply(workspace, apply.parallel());
        List<Environment> envs = selection.load(workspace, names, options.overrides);
        Adapters adapters = arm.adapters();
        ApplyConfirmation.unlessYes(apply, arm.context(), spec.commandLine().getErr(), envs, single,
                name -> workspace.plan(name, options.overrides, arm.gateway(), adapters.git(), arm.keyVault(),
                        arm.context().pacing(), apply.resendProtectedSettings));
        ConsoleProgress console = arm.progress(spec);
        ApplyWatch watch = reports.recording(spec, envs, ApplyWatch.of(console, names, single));
        EstateResult result = Interruptible.run(spec, arm.context(), single ? names.get(0) : null,
                () -> "interrupted " + watch.running() + ". A request already sent to Azure continues there; re-run '"
                        + Rerun.of(spec) + "' to converge from wherever it got to.", console,
                () -> estate.apply(envs, apply.engine(arm), arm.gateway(), adapters.git(), adapters.kubectl(), arm.keyVault(),
                        arm.context().pacing(), watch));
        reports.write(spec, (command, started, ended) -> EstateReport.of(command, started, ended, envs, result), EstateView.json(result));
        return ApplyView.render(result, single, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

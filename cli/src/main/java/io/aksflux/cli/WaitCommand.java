package io.aksflux.cli;

import io.aksflux.engine.EstateWait;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** A post-deployment gate: reads ARM only, so it works for private clusters too. No --version of its own: that is the chart's. */
@Command(name = "wait",
        description = {"Wait until Flux has deployed a release: each --helmrelease Ready at its --version, each --kustomization"
                + " Ready at its revision, as the flux configuration's statuses report them.",
                "Exit 0 when every one is ready everywhere; 1 as soon as one fails (Flux's message); 3 at --timeout, naming what"
                        + " is not done. A failure anywhere wins over a timeout elsewhere. Several environments are waited on at once."},
        footerHeading = "%nExamples:%n",
        footer = {"  aksflux wait snd4 --helmrelease flux-config/ffc-demo-web --version 4.32.30",
                "  aksflux wait --all --helmrelease ffc-demo-web --version 4.32.30 --timeout 30m -o json",
                "  aksflux wait snd4 --kustomization services --revision 3f1c2a9"})
final class WaitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    ArmOptions arm;

    @Mixin
    OutputOption output;

    @Mixin
    WaitOptions wait;

    @Mixin
    EnvironmentSelection selection;

    @Mixin
    ReportOptions reports;

    @Override
    public Integer call() {
        Workspace workspace = options.workspace();
        List<String> names = selection.names(workspace, "the environment, e.g. 'aksflux wait snd4 --helmrelease ffc-demo-web"
                + " --version 4.32.30'").stream().distinct().toList();
        EstateWait.Request request = wait.request();
        List<Environment> envs = selection.load(workspace, names, options.overrides);
        ConsoleProgress console = arm.progress(spec);
        EstateWait result = Interruptible.run(spec, arm.context(), selection.single() ? names.get(0) : null,
                () -> "interrupted while waiting; nothing was changed. Re-run '" + Rerun.of(spec) + "' to wait again.", console,
                () -> EstateWait.await(envs, request, arm.gateway(), arm.adapters().git(), arm.context().pacing(),
                        WaitView.progress(console, names, selection.single(), request)));
        reports.write(spec, (command, started, ended) -> EstateReport.of(command, started, ended, envs, result), WaitView.json(result));
        return WaitView.render(result, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

package io.aksflux.cli;

import io.aksflux.apply.StatusReport;
import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.secret.SecretSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** One environment, or with {@code --all} every one, in a {@link DemoSandbox}: an apply of one is an estate of one. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Provision an environment end to end on this machine, no subscription needed: starts the ARM emulator, "
                + "creates empty repositories for the layout's roles (adp: core and services) in a temporary folder, runs every "
                + "apply stage with the usual progress, prints the final status and cleans up."})
final class DemoCommand implements Callable<Integer>, CommandFactory.NeedsContext {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    OutputOption output;

    @Mixin
    DemoOptions demo;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = demo.workspace(options);
        List<String> names = demo.names(workspace);
        // every problem of every file (or a bad name) stops here, before anything starts
        List<Environment> loaded = demo.all ? workspace.environments(names, options.overrides)
                : List.of(workspace.environment(demo.environment, options.overrides));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DemoSandbox sandbox = DemoSandbox.start(context.pacing().ticker()::now, demo.keep,
                loaded.stream().flatMap(e -> e.repos().all().stream()).toList());
             Interrupts.Registration ignored = Interruptible.saying(spec, context, demo.environment, sandbox::close,
                     () -> "demo interrupted: " + sandbox.whatIsLeft() + ".")) {
            List<Environment> envs = sandbox.provision(workspace, names, options.overrides, demo.what(names),
                    loaded.stream().anyMatch(e -> e.notifications().enabled()), err);
            ConsoleProgress console = ConsoleProgress.of(spec, context);
            EstateResult result = console.finishing(() -> new EstateApply(workspace, demo.parallel()).apply(envs, demo.apply(),
                    sandbox.gateway(), options.adapters().git(), options.adapters().kubectl(), SecretSource.NONE, demo.pacing(context),
                    ApplyWatch.of(console, names, !demo.all)));
            int exitCode = demo.all ? ApplyView.render(result, false, output.json(), out, err)
                    : DemoView.render(DemoView.resultOf(result), StatusReport.read(envs.get(0), sandbox.gateway()), output.json(), out, err);
            sandbox.sayWhereKept(err);
            out.flush();
            return exitCode;
        }
    }
}

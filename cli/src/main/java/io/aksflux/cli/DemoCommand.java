package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.base.Pacing;
import io.aksflux.apply.StatusReport;
import io.aksflux.base.Ticker;
import io.aksflux.arm.ArmGateway;
import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;
import io.aksflux.engine.Workspace;
import io.aksflux.error.UsageException;
import io.aksflux.secret.SecretSource;
import io.aksflux.environment.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Provision an environment end to end on this machine, no subscription needed: starts the ARM emulator, "
                + "creates empty core and services repositories in a temporary folder, runs every apply stage with the usual "
                + "progress, prints the final status and cleans up."})
final class DemoCommand implements Callable<Integer>, CommandFactory.NeedsContext {
    /** Polls every second: the emulator's operations take seconds, not minutes. */
    private static final Duration POLL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    OutputOption output;

    @Option(names = "--keep", description = "Keep the temporary repositories and print where they are.")
    boolean keep;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for convergence (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(names = "--all", description = "Rebuild every environment of the estate at once, as 'apply --all' does.")
    boolean all;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "With --all, provision at most N environments at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Parameters(paramLabel = "ENV", arity = "0..1", description = "Environment to provision (default: snd4).")
    String environment;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (all && environment != null) {
            throw new UsageException("name one environment or pass --all, not both");
        }
        if (all) {
            return rebuildEstate();
        }
        if (environment == null) {
            environment = "snd4";
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = options.workspace();
        workspace.environment(environment, options.overrides); // a bad name or file stops here, before anything starts
        Ticker ticker = context.pacing().ticker();
        try (DemoSandbox sandbox = DemoSandbox.start(ticker::now, keep);
             Interrupts.Registration ignored = cleanUpOnInterrupt(sandbox)) {
            Environment env = provisionIn(sandbox, workspace, List.of(environment), environment).get(0);
            ArmGateway arm = sandbox.gateway();
            ConsoleProgress progress = ConsoleProgress.of(spec, context);
            ApplyResult result;
            try {
                result = workspace.apply(env, applyOptions(), arm, workspace.git(), pacing(ticker), progress);
            } finally {
                progress.finish();
            }
            StatusReport status = StatusReport.read(env, arm);
            if (output.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("apply", result);
                json.put("status", status);
                out.println(Json.write(json));
            } else {
                ApplyView.render(result, false, out, err);
                out.println();
                StatusCommand.render(status, out);
            }
            sayWhereKept(sandbox);
            out.flush();
            return ExitCodes.of(result.outcome());
        }
    }

    /** Every environment file against one emulator and one pair of repositories, side by side, as a disaster recovery would. */
    private int rebuildEstate() {
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = options.workspace();
        List<String> names = workspace.allEnvironmentNames();
        workspace.environments(names, options.overrides); // every problem of every file, before anything starts
        Ticker ticker = context.pacing().ticker();
        try (DemoSandbox sandbox = DemoSandbox.start(ticker::now, keep);
             Interrupts.Registration ignored = cleanUpOnInterrupt(sandbox)) {
            List<Environment> envs = provisionIn(sandbox, workspace, names, "rebuilding " + names.size() + " environments");
            ConsoleProgress console = ConsoleProgress.of(spec, context);
            EstateResult result;
            try {
                result = new EstateApply(workspace, parallel).apply(envs, applyOptions(), sandbox.gateway(), workspace.git(),
                        SecretSource.NONE, pacing(ticker), new EstateConsole(console, names));
            } finally {
                console.finish();
            }
            EstateView.render(result, output.json(), spec.commandLine().getOut(), err);
            sayWhereKept(sandbox);
            return ExitCodes.of(result.outcome());
        }
    }

    /** The named environments on the sandbox's repositories (the user's --set wins), each given its cluster and Event Hub. */
    private List<Environment> provisionIn(DemoSandbox sandbox, Workspace workspace, List<String> names, String what) {
        List<String> overrides = new ArrayList<>(sandbox.repositoryOverrides());
        overrides.addAll(options.overrides);
        List<Environment> envs = workspace.environments(names, overrides);
        envs.forEach(sandbox::add);
        PrintWriter err = spec.commandLine().getErr();
        err.println("aksflux demo: " + what + " against the local ARM emulator at " + sandbox.endpoint());
        err.println("aksflux demo: core and services repositories in " + sandbox.folder());
        return envs;
    }

    /** Ctrl-C stops the emulator and deletes what the demo made, as the normal end does. */
    private Interrupts.Registration cleanUpOnInterrupt(DemoSandbox sandbox) {
        return context.interrupts().during(() -> {
            sandbox.close();
            ErrorRenderer.interrupted(spec.commandLine(), all ? null : environment, "demo interrupted: " + sandbox.whatIsLeft() + ".");
        });
    }

    private void sayWhereKept(DemoSandbox sandbox) {
        if (keep) {
            spec.commandLine().getErr().println("aksflux demo: repositories kept in " + sandbox.folder());
        }
    }

    private Workspace.ApplyOptions applyOptions() {
        return new Workspace.ApplyOptions(Set.of(), true, waitTimeout, false);
    }

    private Pacing pacing(Ticker ticker) {
        return new Pacing(ticker, POLL, POLL, context.pacing().maxConflictRetries());
    }
}

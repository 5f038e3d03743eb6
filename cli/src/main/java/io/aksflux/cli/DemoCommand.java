package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.Pacing;
import io.aksflux.apply.StatusReport;
import io.aksflux.apply.Ticker;
import io.aksflux.arm.ArmGateway;
import io.aksflux.engine.Workspace;
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

    @Parameters(paramLabel = "ENV", arity = "0..1", defaultValue = "snd4", description = "Environment to provision (default: ${DEFAULT-VALUE}).")
    String environment;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = options.workspace();
        workspace.environment(environment, options.overrides); // a bad name or file stops here, before anything starts
        Ticker ticker = context.pacing().ticker();
        try (DemoSandbox sandbox = DemoSandbox.start(ticker::now, keep)) {
            List<String> overrides = new ArrayList<>(sandbox.repositoryOverrides());
            overrides.addAll(options.overrides); // the user's --set wins
            Environment env = workspace.environment(environment, overrides);
            sandbox.add(env);
            err.println("aksflux demo: " + environment + " against the local ARM emulator at " + sandbox.endpoint());
            err.println("aksflux demo: core and services repositories in " + sandbox.folder());
            ArmGateway arm = sandbox.gateway();
            ConsoleProgress progress = ConsoleProgress.of(spec, context);
            ApplyResult result;
            try {
                result = workspace.apply(env, new Workspace.ApplyOptions(Set.of(), true, waitTimeout, false), arm, workspace.git(),
                        new Pacing(ticker, POLL, POLL, context.pacing().maxConflictRetries()), progress);
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
            if (keep) {
                err.println("aksflux demo: repositories kept in " + sandbox.folder());
            }
            out.flush();
            return result.outcome() == ApplyResult.Outcome.TIMED_OUT ? ExitCodes.TIMED_OUT : ExitCodes.OK;
        }
    }
}

package io.aksflux.cli;

import io.aksflux.change.SeedResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Write the environment's folder structure into its core and services repositories: create what is missing, "
                + "merge kustomization resources, report drift; one commit per repository, pushed.")
final class SeedCommand implements Callable<Integer>, CommandFactory.NeedsContext {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    OutputOption output;

    @Option(names = "--dry-run", description = "Compare with the repositories and show the changes; write nothing.")
    boolean dryRun;

    @Option(names = "--branch", paramLabel = "NAME",
            description = "Push to this branch (created from the configured one) for review, instead of the configured branch.")
    String branch;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes (written, or to write with --dry-run), 0 when none.")
    boolean detailedExitCode;

    @Mixin
    SeedOverrides fields;

    @Parameters(paramLabel = "ENV", description = "Environment name, e.g. snd4.")
    String environment;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = options.workspace();
        Environment env = workspace.environment(environment, fields.after(options.overrides));
        ConsoleProgress progress = ConsoleProgress.of(spec, context);
        SeedResult result = Interruptible.run(spec, context, environment, () -> "interrupted during seed " + environment + ": "
                        + (progress.pushes().isEmpty() ? "nothing was pushed" : "pushed " + String.join(", ", progress.pushes()) + " (it stays there)")
                        + "; its temporary clones are deleted. Re-run '" + Rerun.of(spec) + "' to complete it; what is already pushed is not written again.",
                progress, () -> workspace.seed(env, new Workspace.SeedOptions(dryRun, branch), options.adapters().git(),
                        options.adapters().kubectl(), progress));
        SeedText.render(result, output.json(), spec.commandLine().getOut());
        return ExitCodes.changes(detailedExitCode, result.hasChanges());
    }
}

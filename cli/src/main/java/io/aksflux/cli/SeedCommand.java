package io.aksflux.cli;

import io.aksflux.change.SeedResult;
import io.aksflux.engine.Workspace;
import io.aksflux.seed.EstateSeeder;
import io.aksflux.environment.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Write the environment's folder structure into its core and services repositories: create what is missing, "
                + "merge kustomization resources, report drift; one commit per repository, pushed.%n"
                + "Several environments (or --all) are seeded as one: each repository cloned once, one commit naming them all.")
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

    @Mixin
    EnvironmentSelection selection;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = options.workspace();
        List<String> names = selection.names(workspace, "the environment to seed, e.g. 'aksflux seed snd4'");
        List<Environment> envs = selection.load(workspace, names, fields.after(options.overrides));
        ConsoleProgress progress = ConsoleProgress.of(spec, context);
        if (!selection.single()) { // an estate: one seed for all, one commit per repository naming them
            int width = names.stream().mapToInt(String::length).max().orElse(0);
            List<EstateSeeder.Outcome> outcomes = Interruptible.run(spec, context, null, () -> "interrupted during the seed of "
                            + names.size() + " environments; its temporary clones are deleted. Re-run '" + Rerun.of(spec)
                            + "' to complete it; what is already pushed is not written again.", progress,
                    () -> workspace.seed(envs, workspace::desired, new Workspace.SeedOptions(dryRun, branch), options.adapters().git(),
                            options.adapters().kubectl(), name -> progress.forEnvironment(name, width)));
            return SeedText.render(outcomes, output.json(), detailedExitCode, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        String environment = names.get(0);
        SeedResult result = Interruptible.run(spec, context, environment, () -> "interrupted during seed " + environment + ": "
                        + (progress.pushes().isEmpty() ? "nothing was pushed" : "pushed " + String.join(", ", progress.pushes()) + " (it stays there)")
                        + "; its temporary clones are deleted. Re-run '" + Rerun.of(spec) + "' to complete it; what is already pushed is not written again.",
                progress, () -> workspace.seed(envs.get(0), new Workspace.SeedOptions(dryRun, branch), options.adapters().git(),
                        options.adapters().kubectl(), progress));
        SeedText.render(result, output.json(), spec.commandLine().getOut());
        return ExitCodes.changes(detailedExitCode, result.hasChanges());
    }
}

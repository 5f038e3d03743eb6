package io.aksflux.cli;

import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.change.SeedResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--like", paramLabel = "OTHER",
            description = "Start a new instance as a copy of this sibling's folders (same code, e.g. snd4), instance names and paths rewritten; "
                    + "only missing files are written. Same as seed.like in the environment file.")
    String like;

    @Option(names = "--verify", paramLabel = "java|kubectl|none",
            description = "Check that no kustomization build the seed touches breaks: java (default), kubectl (also the real kubectl kustomize), none.")
    String verify;

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
        List<String> overrides = new ArrayList<>(options.overrides);
        if (like != null) {
            overrides.add("seed.like=" + like);
        }
        if (verify != null) {
            overrides.add("seed.verify=" + verify);
        }
        Environment env = workspace.environment(environment, overrides);
        ConsoleProgress progress = ConsoleProgress.of(spec, context);
        SeedResult result;
        try (Interrupts.Registration ignored = context.interrupts().during(() -> ErrorRenderer.interrupted(spec.commandLine(), environment,
                "interrupted during seed " + environment + ": " + (progress.pushes().isEmpty()
                        ? "nothing was pushed" : "pushed " + String.join(", ", progress.pushes()) + " (it stays there)")
                        + "; its temporary clones are deleted. Re-run '" + Rerun.of(spec) + "' to complete it; what is already pushed is not written again."))) {
            result = workspace.seed(env, new Workspace.SeedOptions(dryRun, branch), workspace.git(), progress);
        } finally {
            progress.finish();
        }
        if (output.json()) {
            spec.commandLine().getOut().println(Json.write(result));
        } else {
            SeedText.render(result, spec.commandLine().getOut());
        }
        return detailedExitCode && result.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}

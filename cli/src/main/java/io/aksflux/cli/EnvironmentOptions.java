package io.aksflux.cli;

import io.aksflux.engine.Workspace;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Options every command takes to find and override environments. */
public final class EnvironmentOptions implements CommandFactory.NeedsContext {
    private CliContext context = CliContext.of(Map.of());

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Option(names = "--environments", paramLabel = "DIR", defaultValue = "environments",
            description = "Folder of environment files (default: ${DEFAULT-VALUE}).")
    Path environments;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Folder of template sets (default: flux-templates beside the environments folder, else the bundled copy).")
    Path templates;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any field, e.g. --set azure.cluster=my-aks (repeatable).")
    List<String> overrides = new ArrayList<>();

    Workspace workspace() {
        return workspace(environments);
    }

    /** Another environments folder with this command's templates and process environment. */
    Workspace workspace(Path environmentsDir) {
        return Workspace.of(environmentsDir, templates, context.processEnvironment());
    }

    /** The adapters the engine works through, wired from the process environment. */
    Adapters adapters() {
        return new Adapters(context);
    }
}

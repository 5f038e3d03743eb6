package io.aksflux.cli;

import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.error.UsageException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** Which environments a command works on: the ones named, or every environment file with {@code --all}. */
public final class EnvironmentSelection {
    @Option(names = "--all", description = "Every environment file of the environments folder.")
    boolean all;

    @Parameters(paramLabel = "ENV", arity = "0..*", description = "Environment name, e.g. snd4; several, or --all, for an estate.")
    List<String> named = new ArrayList<>();

    /** Exactly one environment named (not --all): the single-environment form of the command. */
    boolean single() {
        return !all && named.size() == 1;
    }

    /** The environments to work on; refuses both names and --all, or neither ({@code howToName}: what to name, with an example). */
    List<String> names(Workspace workspace, String howToName) {
        if (all == !named.isEmpty()) {
            throw new UsageException(all ? "name environments or pass --all, not both" : "name " + howToName + ", or pass --all");
        }
        return all ? workspace.allEnvironmentNames() : named;
    }

    /**
     * {@code names} loaded: the single form's one environment as it is; an estate's all checked first, so none starts
     * while one is broken ({@link Workspace#environments}).
     */
    List<Environment> load(Workspace workspace, List<String> names, List<String> overrides) {
        return single() ? List.of(workspace.environment(names.get(0), overrides)) : workspace.environments(names, overrides);
    }
}

package io.aksflux.cli;

import io.aksflux.base.Pacing;
import io.aksflux.engine.Workspace;
import io.aksflux.error.UsageException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the demo provisions (one environment, snd4 unless named, or {@code --all}; with {@code --layout} an example
 * estate of another layout) and how it waits.
 */
public final class DemoOptions {
    /** Polls every second: the emulator's operations take seconds, not minutes. */
    private static final Duration POLL = Duration.ofSeconds(1);

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

    @Parameters(paramLabel = "ENV", arity = "0..1", description = "Environment to provision (default: snd4, else the estate's first).")
    String environment;

    @Option(names = "--layout", paramLabel = "NAME", description = "Provision the example estate of another layout, "
            + "examples/NAME/environments beside the environments folder (cluster-apps, platform-developer); adp, the default, "
            + "is the environments folder itself.")
    String layout;

    /** The shipped estate's default environment. */
    private static final String DEFAULT_ENVIRONMENT = "snd4";
    private static final String ADP = "adp";

    /**
     * The estate the demo provisions: {@code --environments}, or with {@code --layout} that layout's example estate,
     * {@code examples/<layout>/environments} in the folder that holds the environments folder (the repository's root).
     */
    Workspace workspace(EnvironmentOptions options) {
        if (layout == null || layout.equals(ADP)) {
            return options.workspace();
        }
        Path root = options.environments.toAbsolutePath().normalize().getParent();
        Path examples = root.resolve("examples").resolve(layout).resolve("environments");
        if (!layout.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || !Files.isDirectory(examples)) {
            throw new UsageException("no example estate for layout '" + layout + "': " + examples + " is not a folder"
                    + " (run from the aksflux folder, or pass --environments DIR beside its examples; the examples are"
                    + " cluster-apps and platform-developer)");
        }
        return options.workspace(examples);
    }

    /** {@code --parallel}, refused below 1. */
    int parallel() {
        if (parallel < 1) {
            throw new UsageException("--parallel must be at least 1, not " + parallel);
        }
        return parallel;
    }

    /** The environments to provision; the default one is then named, so an error names it too. */
    List<String> names(Workspace workspace) {
        if (all && environment != null) {
            throw new UsageException("name one environment or pass --all, not both");
        }
        if (all) {
            return workspace.allEnvironmentNames();
        }
        if (environment == null) {
            List<String> known = workspace.environmentNames();
            environment = known.contains(DEFAULT_ENVIRONMENT) || known.isEmpty() ? DEFAULT_ENVIRONMENT : known.get(0);
        }
        return List.of(environment);
    }

    /** {@code rebuilding 9 environments}, or {@code snd4}: what the demo says it provisions. */
    String what(List<String> names) {
        return all ? "rebuilding " + names.size() + " environments" : environment;
    }

    Workspace.ApplyOptions apply() {
        return new Workspace.ApplyOptions(Set.of(), true, waitTimeout, false);
    }

    Pacing pacing(CliContext context) {
        return new Pacing(context.pacing().ticker(), POLL, POLL, context.pacing().maxConflictRetries());
    }
}

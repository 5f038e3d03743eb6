package io.aksflux.cli;

import io.aksflux.base.Pacing;
import io.aksflux.engine.Workspace;
import io.aksflux.error.UsageException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What the demo provisions (one environment, snd4 unless named, or {@code --all}) and how it waits. */
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

    @Parameters(paramLabel = "ENV", arity = "0..1", description = "Environment to provision (default: snd4).")
    String environment;

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
        environment = environment == null ? "snd4" : environment;
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

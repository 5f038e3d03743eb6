package io.aksflux.cli;

import io.aksflux.engine.Shard;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.error.UsageException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environments a command works on: the ones named, or every environment file with {@code --all}; with
 * {@code --shard K/N}, only share K of N of them ({@link Shard}), so N jobs of a pipeline matrix share an estate.
 */
public final class EnvironmentSelection {
    private static final Pattern SHARD = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--all", description = "Every environment file of the environments folder.")
    boolean all;

    @Option(names = "--shard", paramLabel = "K/N", description = "Only share K of N of the selected environments (1 ≤ K ≤ N),"
            + " the same share on every run: N jobs side by side, each with its K, cover them all once.")
    String shard;

    @Parameters(paramLabel = "ENV", arity = "0..*", description = "Environment name, e.g. snd4; several, or --all, for an estate.")
    List<String> named = new ArrayList<>();

    /** Exactly one environment named (not --all, no --shard): the single-environment form of the command. */
    boolean single() {
        return !all && shard == null && named.size() == 1;
    }

    /**
     * The environments to work on; refuses both names and --all, or neither ({@code howToName}: what to name, with an
     * example). A shard holding none of them is no error: it says so, and the command has nothing to do.
     */
    List<String> names(Workspace workspace, String howToName) {
        if (all == !named.isEmpty()) {
            throw new UsageException(all ? "name environments or pass --all, not both" : "name " + howToName + ", or pass --all");
        }
        List<String> selected = all ? workspace.allEnvironmentNames() : named.stream().distinct().toList();
        Optional<Shard> share = shard();
        List<String> names = share.map(s -> s.of(selected)).orElse(selected);
        if (share.isPresent() && names.isEmpty()) {
            spec.commandLine().getErr().println("shard " + share.get() + " holds none of the " + selected.size()
                    + " selected environment(s): nothing to do");
        }
        return names;
    }

    /** {@code --shard K/N}, refused unless 1 ≤ K ≤ N. */
    Optional<Shard> shard() {
        if (shard == null) {
            return Optional.empty();
        }
        Matcher m = SHARD.matcher(shard.strip());
        int k = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        int n = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (k < 1 || k > n) {
            throw new UsageException("--shard must be K/N, share K of N with 1 ≤ K ≤ N (e.g. --shard 2/4), not '" + Inert.line(shard) + "'");
        }
        return Optional.of(new Shard(k, n));
    }

    /**
     * {@code names} loaded: the single form's one environment as it is; an estate's all checked first, so none starts
     * while one is broken ({@link Workspace#environments}); none (an empty shard), nothing to load.
     */
    List<Environment> load(Workspace workspace, List<String> names, List<String> overrides) {
        if (names.isEmpty()) {
            return List.of();
        }
        return single() ? List.of(workspace.environment(names.get(0), overrides)) : workspace.environments(names, overrides);
    }
}

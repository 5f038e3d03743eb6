package io.aksflux.engine;

import io.aksflux.config.ConfigNode;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.environment.Environment.KustomizationSpec;
import io.aksflux.environment.EnvironmentLoader;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Origin;
import io.aksflux.error.Problem;
import io.aksflux.git.GitSnapshot;
import io.aksflux.guard.PruneGuard;
import io.aksflux.guard.RepositoryFiles;
import io.aksflux.change.Plan;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the guard against Flux pruning itself where the commands need it: over the rendered files for {@code validate}
 * and the offline plan, over the repositories at their configured branches for the online plan. A plan with errors
 * is refused (as invalid input); its warnings travel with the plan.
 */
final class PruneChecks {
    private PruneChecks() {
    }

    static PruneGuard.Findings offline(EnvironmentLoader loader, Environment env, List<String> overrides, DesiredState desired) {
        return PruneGuard.ofRendered(env, desired.files(), where(loader, env, overrides));
    }

    static PruneGuard.Findings online(EnvironmentLoader loader, Environment env, List<String> overrides, GitSnapshot repos) {
        return new PruneGuard(env, role -> Optional.of(RepositoryFiles.of(repos.checkout(role))), where(loader, env, overrides)).check();
    }

    /** Refuses with the guard's errors (as invalid input: exit 1). */
    static void refuse(PruneGuard.Findings findings) {
        if (!findings.errors().isEmpty()) {
            throw new EnvironmentException(findings.errors());
        }
    }

    /** The plan with the guard's warnings; refuses it with the errors. */
    static Plan judged(Plan plan, PruneGuard.Findings findings) {
        refuse(findings);
        return plan.withWarnings(findings.warnings().stream().map(Problem::render).toList());
    }

    /** Where a kustomization's path is set: the environment's files, else the layout's layout.yaml, else the environment file. */
    private static Function<KustomizationSpec, Origin> where(EnvironmentLoader loader, Environment env, List<String> overrides) {
        return k -> {
            String field = "flux.kustomizations." + k.name() + ".path";
            return loader.origin(env.name().name(), overrides, field)
                    .or(() -> layoutOrigin(loader.layout(env.layout()).defaults(), field))
                    .orElse(new Origin(env.file().toString(), 0));
        };
    }

    private static Optional<Origin> layoutOrigin(ConfigNode.MapNode layout, String dottedPath) {
        ConfigNode node = layout;
        ConfigNode.Entry entry = null;
        for (String segment : dottedPath.split("\\.")) {
            if (!(node instanceof ConfigNode.MapNode map) || !map.entries().containsKey(segment)) {
                return Optional.empty();
            }
            entry = map.entries().get(segment);
            node = entry.value();
        }
        return Optional.ofNullable(entry).map(ConfigNode.Entry::keyOrigin);
    }
}

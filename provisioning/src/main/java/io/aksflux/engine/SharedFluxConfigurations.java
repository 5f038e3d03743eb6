package io.aksflux.engine;

import io.aksflux.desired.FluxConfigurationBody;
import io.aksflux.environment.Environment;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Environment files whose flux configuration is the same ARM resource (same subscription, resource group, cluster
 * and {@code flux.name}): a copied {@code tst2.yaml} saved as {@code tst3.yaml} with unchanged ids. Applying one
 * would repoint the other's kustomizations, and with {@code prune: true} delete its workloads.
 */
final class SharedFluxConfigurations {
    private SharedFluxConfigurations() {
    }

    /**
     * @param environments every environment that loaded (the ones checked and the rest of the folder)
     * @param where        the file and line that set an environment's {@code azure.cluster}
     * @return the problems of each environment in {@code checked} that shares its flux configuration
     */
    static Map<String, List<Problem>> find(List<String> checked, List<Environment> environments,
                                           Function<Environment, io.aksflux.error.Origin> where) {
        Map<String, List<Environment>> byTarget = new LinkedHashMap<>();
        for (Environment env : environments) {
            byTarget.computeIfAbsent(FluxConfigurationBody.id(env).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(env);
        }
        Map<String, List<Problem>> problems = new LinkedHashMap<>();
        for (List<Environment> sharing : byTarget.values()) {
            if (sharing.size() < 2) {
                continue;
            }
            for (Environment env : sharing) {
                if (!checked.contains(env.name().name())) {
                    continue;
                }
                List<String> others = sharing.stream().filter(o -> o != env)
                        .map(o -> o.name().name() + " (" + render(where.apply(o), o) + ")").toList();
                problems.computeIfAbsent(env.name().name(), k -> new ArrayList<>()).add(new Problem(where.apply(env), "azure.cluster",
                        "flux configuration '" + env.flux().name() + "' of cluster " + env.azure().cluster() + " (subscription "
                                + env.azure().subscriptionId() + ", resource group " + env.azure().resourceGroup()
                                + ") is also the target of " + String.join(", ", others) + "; applying one would repoint the other's"
                                + " kustomization paths, and with prune: true delete its workloads. Give each environment its own"
                                + " azure.subscriptionId/resourceGroup/cluster (or flux.name)"));
            }
        }
        return problems;
    }

    private static String render(io.aksflux.error.Origin origin, Environment env) {
        return origin == null ? env.file().toString() : origin.render();
    }
}

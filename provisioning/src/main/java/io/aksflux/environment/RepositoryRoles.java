package io.aksflux.environment;

import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.DidYouMean;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The environment's repositories are exactly the layout's: {@code repos} has one entry per role the layout declares
 * and no other, and {@code flux.source} names one of them. The schema describes a repository; which roles exist is
 * the layout's to say, so this is checked against its layout.yaml.
 */
final class RepositoryRoles {
    private RepositoryRoles() {
    }

    /** @param layoutFile how messages name the layout's layout.yaml */
    static List<Problem> check(MapNode config, List<String> roles, String layout, String layoutFile) {
        List<Problem> problems = new ArrayList<>();
        String declared = " (the repositories layout '" + layout + "' declares in " + layoutFile + ")";
        ConfigNode.Entry repos = config.entries().get("repos");
        if (repos != null && repos.value() instanceof MapNode map) {
            map.entries().forEach((role, entry) -> {
                if (!roles.contains(role)) {
                    problems.add(new Problem(entry.keyOrigin(), "repos." + role, "unknown key" + hint(role, roles)
                            + "; allowed: " + String.join(", ", roles) + declared));
                }
            });
            roles.stream().filter(role -> !map.entries().containsKey(role)).forEach(role -> problems.add(new Problem(
                    repos.keyOrigin(), "repos." + role, EnvironmentSchema.MISSING + "; expected the url and branch of the"
                    + " repository '" + role + "' that layout '" + layout + "' seeds")));
        }
        if (config.get("flux") instanceof MapNode flux && flux.get("source") instanceof ScalarNode source
                && source.value() instanceof String role && !role.isEmpty() && !roles.contains(role)) {
            problems.add(new Problem(source.origin(), "flux.source", Problem.quote(role) + " is not allowed" + hint(role, roles)
                    + "; allowed: " + String.join(", ", roles) + declared));
        }
        return problems;
    }

    /** The tree with {@code repos} listing the layout's roles in the order the layout declares them, others after. */
    static MapNode inLayoutOrder(MapNode config, List<String> roles) {
        ConfigNode.Entry repos = config.entries().get("repos");
        if (repos == null || !(repos.value() instanceof MapNode map)) {
            return config;
        }
        java.util.LinkedHashMap<String, ConfigNode.Entry> ordered = new java.util.LinkedHashMap<>();
        roles.stream().filter(map.entries()::containsKey).forEach(role -> ordered.put(role, map.entries().get(role)));
        map.entries().forEach(ordered::putIfAbsent);
        java.util.LinkedHashMap<String, ConfigNode.Entry> top = new java.util.LinkedHashMap<>(config.entries());
        top.put("repos", new ConfigNode.Entry(repos.keyOrigin(), new MapNode(map.origin(), ordered)));
        return new MapNode(config.origin(), top);
    }

    private static String hint(String role, List<String> roles) {
        return DidYouMean.closest(role, roles).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }
}

package io.aksflux.environment;

import io.aksflux.error.DidYouMean;
import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.ListNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that need more than one field at a time; they skip whatever the schema check already refuses. */
final class EnvironmentRules {
    /** Flux names objects {@code <config>-<kustomization>}, and a Kubernetes name holds at most 63 characters. */
    static final int MAX_COMBINED_NAME = 62;

    private EnvironmentRules() {
    }

    static List<Problem> check(MapNode config) {
        List<Problem> problems = new ArrayList<>();
        if (!(config.get("flux") instanceof MapNode flux) || !(flux.get("kustomizations") instanceof MapNode kustomizations)) {
            return problems;
        }
        String configName = flux.get("name") instanceof ScalarNode s ? s.text() : "";
        Map<String, List<String>> graph = new LinkedHashMap<>();
        kustomizations.entries().forEach((name, entry) -> {
            if (configName.length() + name.length() > MAX_COMBINED_NAME) {
                problems.add(new Problem(entry.keyOrigin(), "flux.kustomizations." + name,
                        "flux.name " + Problem.quote(configName) + " plus this name is " + (configName.length() + name.length())
                                + " characters; together they must fit in " + MAX_COMBINED_NAME
                                + " because Flux names the object " + Problem.quote(configName + "-" + name)));
            }
            List<String> deps = new ArrayList<>();
            ConfigNode dependsOn = entry.value() instanceof MapNode k ? k.get("dependsOn") : null;
            if (dependsOn instanceof ListNode list) {
                for (int i = 0; i < list.items().size(); i++) {
                    if (!(list.items().get(i) instanceof ScalarNode dep)) {
                        continue;
                    }
                    if (!kustomizations.entries().containsKey(dep.text())) {
                        problems.add(new Problem(dep.origin(), "flux.kustomizations." + name + ".dependsOn[" + i + "]",
                                "unknown kustomization " + Problem.quote(dep.text())
                                        + DidYouMean.closest(dep.text(), kustomizations.entries().keySet())
                                        .map(s -> " (did you mean '" + s + "'?)").orElse("")
                                        + "; allowed: " + String.join(", ", kustomizations.entries().keySet())));
                    } else if (dep.text().equals(name)) {
                        problems.add(new Problem(dep.origin(), "flux.kustomizations." + name + ".dependsOn[" + i + "]",
                                "a kustomization cannot depend on itself"));
                    } else {
                        deps.add(dep.text());
                    }
                }
            }
            graph.put(name, deps);
        });
        findCycle(graph).ifPresent(cycle -> problems.add(new Problem(
                kustomizations.entries().get(cycle.get(0)).keyOrigin(), "flux.kustomizations." + cycle.get(0) + ".dependsOn",
                "dependencies form a cycle: " + Problem.inert(String.join(" -> ", cycle)) + "; remove one of these dependsOn entries")));
        return problems;
    }

    /** The first dependency cycle found, as a path that starts and ends with the same kustomization. */
    static java.util.Optional<List<String>> findCycle(Map<String, List<String>> graph) {
        Set<String> done = new LinkedHashSet<>();
        for (String start : graph.keySet()) {
            List<String> stack = new ArrayList<>();
            var cycle = visit(start, graph, stack, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<List<String>> visit(String node, Map<String, List<String>> graph,
                                                          List<String> stack, Set<String> done) {
        int onStack = stack.indexOf(node);
        if (onStack >= 0) {
            List<String> cycle = new ArrayList<>(stack.subList(onStack, stack.size()));
            cycle.add(node);
            return java.util.Optional.of(cycle);
        }
        if (done.contains(node)) {
            return java.util.Optional.empty();
        }
        stack.add(node);
        for (String next : graph.getOrDefault(node, List.of())) {
            var cycle = visit(next, graph, stack, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        done.add(node);
        return java.util.Optional.empty();
    }
}

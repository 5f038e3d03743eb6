package io.aksflux.environment;

import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.Entry;
import io.aksflux.config.ConfigNode.ListNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;
import io.aksflux.template.Placeholders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code {{...}}} inside configuration values: facts of the environment name ({{env.code}},
 * {{env.instance}}) and other scalar fields ({{azure.cluster}}). References may chain, but not loop.
 */
final class ConfigPlaceholders {
    private static final int MAX_DEPTH = 8;
    private final MapNode root;
    private final EnvironmentName name;
    private final List<Unresolved> problems = new ArrayList<>();

    /** A problem and the field it refers to (so it can be dropped when that field is reported missing anyway). */
    record Unresolved(Problem problem, String reference) {
    }

    record Result(MapNode tree, List<Unresolved> problems) {
    }

    private ConfigPlaceholders(MapNode root, EnvironmentName name) {
        this.root = root;
        this.name = name;
    }

    static Result resolve(MapNode root, EnvironmentName name) {
        ConfigPlaceholders resolver = new ConfigPlaceholders(root, name);
        MapNode tree = (MapNode) resolver.resolveNode(root, "");
        return new Result(tree, List.copyOf(resolver.problems));
    }

    private ConfigNode resolveNode(ConfigNode node, String field) {
        if (node instanceof MapNode map) {
            LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
            map.entries().forEach((k, e) -> entries.put(k, new Entry(e.keyOrigin(),
                    resolveNode(e.value(), field.isEmpty() ? k : field + "." + k))));
            return new MapNode(map.origin(), entries);
        }
        if (node instanceof ListNode list) {
            List<ConfigNode> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                items.add(resolveNode(list.items().get(i), field + "[" + i + "]"));
            }
            return new ListNode(list.origin(), items);
        }
        ScalarNode scalar = (ScalarNode) node;
        if (!(scalar.value() instanceof String text) || !Placeholders.contains(text)) {
            return scalar;
        }
        try {
            return new ScalarNode(scalar.origin(), render(text, 0));
        } catch (Placeholders.UnknownPlaceholder e) {
            problems.add(new Unresolved(new Problem(scalar.origin(), field, "{{" + e.name() + "}} names no field that is set;"
                    + " allowed: {{environment}}, {{env.code}}, {{env.instance}}, {{env.number}} or the path of another field"),
                    e.name()));
            return scalar;
        } catch (IllegalStateException e) {
            problems.add(new Unresolved(new Problem(scalar.origin(), field, e.getMessage()), field));
            return scalar;
        }
    }

    private String render(String text, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("placeholders refer to each other in a loop: " + text);
        }
        return Placeholders.render(text, placeholder -> lookup(placeholder, depth));
    }

    private Optional<String> lookup(String placeholder, int depth) {
        if (EnvironmentLoader.PROTECTED_SETTINGS.stream().anyMatch(f -> placeholder.equals(f) || placeholder.startsWith(f + "."))) {
            // a reference copied into a plain field would either leak the secret or seed "${env:…}" as text
            throw new IllegalStateException("{{" + placeholder + "}} names a secret reference, which may not be copied into"
                    + " another field; refer to the variable or Key Vault secret where it is sent as a secret");
        }
        Optional<String> fact = name.fact(placeholder);
        if (fact.isPresent()) {
            return fact;
        }
        ConfigNode current = root;
        for (String segment : placeholder.split("\\.")) {
            if (!(current instanceof MapNode map) || map.get(segment) == null) {
                return Optional.empty();
            }
            current = map.get(segment);
        }
        if (current instanceof ScalarNode s && s.value() != null) {
            String text = String.valueOf(s.value());
            return Optional.of(Placeholders.contains(text) ? render(text, depth + 1) : text);
        }
        return Optional.empty();
    }
}

package io.aksflux.environment;

import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.Entry;
import io.aksflux.config.ConfigNode.ListNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;
import io.aksflux.template.Placeholders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code {{...}}} inside configuration values: facts of the environment name ({{env.code}},
 * {{env.instance}}) and other scalar fields ({{azure.cluster}}). References may chain, but not loop. A broken
 * value is reported once, where it is written: fields that refer to it stay silent.
 */
final class ConfigPlaceholders {
    private static final int MAX_DEPTH = 8;
    /** Chained references may multiply text: a value whose references bring in more than this is refused, not built. */
    static final int MAX_LENGTH = 64 * 1024;
    private final Map<String, Optional<String>> rendered = new HashMap<>(); // a referred field, rendered once; empty: broken
    private int expanded; // characters brought in by references for the field being resolved
    private final MapNode root;
    private final EnvironmentName name;
    private final List<Unresolved> problems = new ArrayList<>();
    private final Set<String> unresolved = new LinkedHashSet<>();
    private final Set<Set<String>> reportedLoops = new HashSet<>();

    /** A problem and the field it refers to (so it can be dropped when that field is reported missing anyway). */
    record Unresolved(Problem problem, String reference) {
    }

    /** @param unresolvedFields fields left as written, whose other checks would only repeat the problem */
    record Result(MapNode tree, List<Unresolved> problems, Set<String> unresolvedFields) {
    }

    private ConfigPlaceholders(MapNode root, EnvironmentName name) {
        this.root = root;
        this.name = name;
    }

    static Result resolve(MapNode root, EnvironmentName name) {
        ConfigPlaceholders resolver = new ConfigPlaceholders(root, name);
        MapNode tree = (MapNode) resolver.resolveNode(root, "");
        return new Result(tree, List.copyOf(resolver.problems), Set.copyOf(resolver.unresolved));
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
        expanded = 0;
        try {
            return new ScalarNode(scalar.origin(), render(text, List.of(field)));
        } catch (Placeholders.UnknownPlaceholder e) {
            problems.add(new Unresolved(new Problem(scalar.origin(), field, "{{" + e.name() + "}} names no field that is set;"
                    + " allowed: {{environment}}, {{env.code}}, {{env.instance}}, {{env.number}} or the path of another field"),
                    e.name()));
        } catch (Loop e) {
            if (e.fields.get(0).equals(field) && reportedLoops.add(Set.copyOf(e.fields))) {
                problems.add(new Unresolved(new Problem(scalar.origin(), field, "placeholders refer to each other in a loop: "
                        + e.fields.stream().map(f -> "{{" + f + "}}").collect(Collectors.joining(" -> "))
                        + "; one of these fields must hold a value"), field));
            }
        } catch (BrokenReference e) {
            // the field referred to is reported where it is written
        } catch (IllegalStateException e) {
            problems.add(new Unresolved(new Problem(scalar.origin(), field, e.getMessage()), field));
        }
        unresolved.add(field);
        return scalar;
    }

    /** @param chain the fields being rendered, outermost first */
    private String render(String text, List<String> chain) {
        return Placeholders.render(text, placeholder -> {
            Optional<String> value = lookup(placeholder, chain);
            expanded += 1 + value.map(String::length).orElse(0);
            if (expanded > MAX_LENGTH) {
                throw new TooLong();
            }
            return value;
        });
    }

    private Optional<String> lookup(String placeholder, List<String> chain) {
        if (EnvironmentLoader.PROTECTED_SETTINGS.stream().anyMatch(f -> placeholder.equals(f) || placeholder.startsWith(f + "."))) {
            // a reference copied into a plain field would either leak the secret or seed "${env:…}" as text
            throw new IllegalStateException("{{" + placeholder + "}} names a secret reference, which may not be copied into"
                    + " another field; refer to the variable or Key Vault secret where it is sent as a secret");
        }
        Optional<String> fact = name.fact(placeholder);
        if (fact.isPresent()) {
            return fact;
        }
        Optional<String> known = rendered.get(placeholder);
        if (known != null) {
            return Optional.of(known.orElseThrow(BrokenReference::new));
        }
        ConfigNode current = root;
        for (String segment : placeholder.split("\\.")) {
            if (!(current instanceof MapNode map) || map.get(segment) == null) {
                return Optional.empty();
            }
            current = map.get(segment);
        }
        if (!(current instanceof ScalarNode s) || s.value() == null) {
            return Optional.empty();
        }
        String text = String.valueOf(s.value());
        if (!Placeholders.contains(text)) {
            return Optional.of(text);
        }
        if (chain.contains(placeholder)) {
            List<String> loop = new ArrayList<>(chain.subList(chain.indexOf(placeholder), chain.size()));
            loop.add(placeholder);
            throw new Loop(loop);
        }
        if (chain.size() > MAX_DEPTH) {
            throw new IllegalStateException("placeholders refer to fields more than " + MAX_DEPTH + " deep: "
                    + String.join(" -> ", chain) + "; refer to the field that holds the value");
        }
        List<String> longer = new ArrayList<>(chain);
        longer.add(placeholder);
        try {
            String value = render(text, longer);
            rendered.put(placeholder, Optional.of(value));
            return Optional.of(value);
        } catch (Placeholders.UnknownPlaceholder | BrokenReference e) {
            rendered.put(placeholder, Optional.empty()); // broken wherever it is referred to; loops and lengths depend on the chain
            throw new BrokenReference();
        }
    }

    private static final class TooLong extends IllegalStateException {
        TooLong() {
            super("placeholders bring more than " + MAX_LENGTH + " characters into this value; refer to fewer or shorter fields");
        }
    }

    /** The fields of a loop, from the first to itself again. */
    private static final class Loop extends RuntimeException {
        private final List<String> fields;

        Loop(List<String> fields) {
            super(null, null, false, false);
            this.fields = List.copyOf(fields);
        }
    }

    /** A placeholder refers to a field whose own value cannot be resolved. */
    private static final class BrokenReference extends RuntimeException {
        BrokenReference() {
            super(null, null, false, false);
        }
    }
}

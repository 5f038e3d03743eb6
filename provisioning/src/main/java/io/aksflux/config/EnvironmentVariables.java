package io.aksflux.config;

import io.aksflux.config.ConfigNode.Entry;
import io.aksflux.config.ConfigNode.ListNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;
import io.aksflux.secret.CredentialVariables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} in string values with the process variable NAME. Flux's own
 * {@code ${VAR}} substitutions (no {@code env:} prefix) are left alone. A credential variable
 * ({@link CredentialVariables}) is never read here: only a secret reference (a deferred field) may name one.
 */
public final class EnvironmentVariables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private final Map<String, String> variables;
    private final java.util.Set<String> deferredFields;

    public EnvironmentVariables(Map<String, String> variables) {
        this(variables, java.util.Set.of());
    }

    /** @param deferredFields mappings left as written (protected settings: their references are read only at apply time) */
    public EnvironmentVariables(Map<String, String> variables, java.util.Set<String> deferredFields) {
        this.variables = Map.copyOf(variables);
        this.deferredFields = java.util.Set.copyOf(deferredFields);
    }

    public MapNode resolve(MapNode node, List<Problem> problems) {
        return (MapNode) resolveNode(node, "", problems);
    }

    private ConfigNode resolveNode(ConfigNode node, String field, List<Problem> problems) {
        if (deferredFields.contains(field)) {
            return node;
        }
        if (node instanceof MapNode map) {
            LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
            map.entries().forEach((k, e) -> entries.put(k, new Entry(e.keyOrigin(),
                    resolveNode(e.value(), field.isEmpty() ? k : field + "." + k, problems))));
            return new MapNode(map.origin(), entries);
        }
        if (node instanceof ListNode list) {
            List<ConfigNode> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                items.add(resolveNode(list.items().get(i), field + "[" + i + "]", problems));
            }
            return new ListNode(list.origin(), items);
        }
        ScalarNode scalar = (ScalarNode) node;
        if (!(scalar.value() instanceof String text) || !text.contains("${env:")) {
            return scalar;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean complete = true;
        while (m.find()) {
            if (CredentialVariables.isCredential(m.group(1))) {
                // never read: the value would reach Git, an ARM body, a plan or a message
                problems.add(new Problem(scalar.origin(), field, m.group() + " reads a credential variable; " + CredentialVariables.RULE));
                complete = false;
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String value = variables.get(m.group(1));
            if (value == null) {
                problems.add(new Problem(scalar.origin(), field, "environment variable " + m.group(1) + " is not set"));
                complete = false;
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new ScalarNode(scalar.origin(), complete ? out.toString() : text);
    }
}

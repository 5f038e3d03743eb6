package io.aksflux.emulator.flux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kustomize-controller's {@code postBuild} variable substitution over a built object: {@code ${VAR}},
 * {@code ${VAR:=default}} and {@code ${VAR:-default}}; a variable with no value becomes empty, as Flux does unless
 * strict substitution is on. Only what simulated Flux follows is substituted (nested sources, Kustomizations,
 * HelmReleases), so a {@code path: ./deploy/${ENVIRONMENT}} resolves before it is built.
 */
final class Substitution {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[=-]([^}]*))?}");

    private Substitution() {
    }

    /** A copy of {@code object} with every string value substituted from {@code variables}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> object, Map<String, String> variables) {
        return (Map<String, Object>) substitute(object, variables);
    }

    private static Object substitute(Object value, Map<String, String> variables) {
        if (value instanceof String text) {
            return text.indexOf("${") < 0 ? text : replace(text, variables);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), substitute(v, variables)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(substitute(v, variables)));
            return copy;
        }
        return value;
    }

    private static String replace(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                value = m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package io.aksflux.config;

import io.aksflux.error.Origin;
import io.aksflux.config.ConfigNode.Entry;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code --set a.b.c=value} overrides. The value is one plain scalar, typed as YAML 1.2 types an unquoted one
 * ({@code true}, {@code 300}, else text exactly as given, {@code #...} too: {@link PlainScalar}); it is never parsed as YAML
 * structure. Only the exact word {@code null} removes a key.
 * Keys that themselves contain dots (extension settings such as {@code helm-controller.enabled}) work
 * unquoted: once the path reaches a free-form map, the rest of the path is one key. A segment may also be
 * written in double quotes.
 */
public final class Overrides {
    private Overrides() {
    }

    /**
     * @param isOpenMap tells, for a path prefix, whether keys below it are free-form names that may contain dots
     */
    public static MapNode parse(List<String> assignments, Predicate<List<String>> isOpenMap) {
        MapNode result = MapNode.empty(Origin.commandLine());
        List<Problem> problems = new ArrayList<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                problems.add(new Problem(Origin.commandLine(), assignment, "expected KEY=VALUE, e.g. --set azure.cluster=my-aks"));
                continue;
            }
            List<String> path = splitPath(assignment.substring(0, eq), isOpenMap);
            if (path.stream().anyMatch(String::isEmpty)) {
                problems.add(new Problem(Origin.commandLine(), assignment.substring(0, eq), "empty key segment"));
                continue;
            }
            String raw = assignment.substring(eq + 1);
            int control = firstControl(assignment);
            if (control >= 0) {
                problems.add(new Problem(Origin.commandLine(), assignment.substring(0, eq),
                        (control < eq ? "the key " + Problem.quote(assignment.substring(0, eq)) : "the value " + Problem.quote(raw))
                                + " holds the control character " + Problem.inert(assignment.substring(control, control + 1))
                                + "; a --set value is a single line of plain text, e.g. --set azure.cluster=my-aks"));
                continue;
            }
            ConfigNode value = new ConfigNode.ScalarNode(Origin.commandLine(), typed(raw)); // null removes the field below
            result = combine(result, nest(path, value));
        }
        if (!problems.isEmpty()) {
            throw new EnvironmentException(problems);
        }
        return result;
    }

    /**
     * Only the exact word {@code null} removes a key: {@code ~}, {@code NULL} or nothing after {@code =} are that text,
     * since a shell variable that happens to be empty must not silently delete a field; {@code #...} is text, not a comment.
     */
    static Object typed(String raw) {
        if (raw.equals("null")) {
            return null;
        }
        return PlainScalar.isNull(raw) ? raw : PlainScalar.of(raw);
    }

    static List<String> splitPath(String key, Predicate<List<String>> isOpenMap) {
        List<String> segments = new ArrayList<>();
        int i = 0;
        while (i < key.length()) {
            if (isOpenMap.test(segments)) {
                segments.add(unquote(key.substring(i)));
                return segments;
            }
            if (key.charAt(i) == '"') {
                int close = key.indexOf('"', i + 1);
                if (close < 0) {
                    close = key.length();
                }
                segments.add(key.substring(i + 1, close));
                i = close + 2; // skip the quote and the dot after it
                continue;
            }
            int dot = key.indexOf('.', i);
            int end = dot < 0 ? key.length() : dot;
            segments.add(key.substring(i, end));
            i = end + 1;
        }
        return segments;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** The index of the first control or line-separating character, or -1. */
    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            int type = Character.getType(text.charAt(i));
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The later assignment wins, a {@code null} included: it is kept (not applied here, where nothing lies below) so that
     * it removes the key from the environment's layers even when another {@code --set} shares its path.
     */
    private static MapNode combine(MapNode earlier, MapNode later) {
        LinkedHashMap<String, Entry> merged = new LinkedHashMap<>(earlier.entries());
        later.entries().forEach((key, entry) -> {
            Entry before = merged.get(key);
            merged.put(key, before != null && before.value() instanceof MapNode b && entry.value() instanceof MapNode l
                    ? new Entry(entry.keyOrigin(), combine(b, l)) : entry);
        });
        return new MapNode(Origin.commandLine(), merged);
    }

    private static MapNode nest(List<String> path, ConfigNode leaf) {
        ConfigNode node = leaf;
        for (int i = path.size() - 1; i >= 0; i--) {
            LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
            entries.put(path.get(i), new Entry(Origin.commandLine(), node));
            node = new MapNode(Origin.commandLine(), entries);
        }
        return (MapNode) node;
    }
}

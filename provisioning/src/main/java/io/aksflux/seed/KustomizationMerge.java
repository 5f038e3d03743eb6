package io.aksflux.seed;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the {@code resources} a seeded kustomization needs into one that already exists, textually: the
 * existing file keeps its text, comments and order (teams appended by scaffolding, hand-made additions), the
 * missing entries are appended at the end of its {@code resources:} block, and no entry is ever removed.
 */
public final class KustomizationMerge {
    public static final String FILE_NAME = "kustomization.yaml";
    private static final Pattern RESOURCES_KEY = Pattern.compile("^resources:\\s*(\\[.*])?\\s*(#.*)?$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)- .*$");

    private KustomizationMerge() {
    }

    public static boolean applies(String path) {
        return path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME);
    }

    /**
     * The existing text with the desired file's missing resources appended; the existing text itself when none
     * is missing; empty when the existing file cannot be merged safely (not YAML, resources not a list of text).
     */
    public static Optional<String> merge(String existing, String desired) {
        Optional<List<String>> have = resources(existing);
        Optional<List<String>> want = resources(desired);
        if (have.isEmpty() || want.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = want.get().stream().filter(r -> !have.get().contains(r)).distinct().toList();
        if (missing.isEmpty()) {
            // a kustomization without resources ("kustomization.yaml is empty" to kubectl) gets the template's "resources: []"
            return declaresResources(desired) && !declaresResources(existing) ? withEmptyResources(existing) : Optional.of(existing);
        }
        String merged = insert(existing, have.get(), missing);
        List<String> expected = new ArrayList<>(have.get());
        expected.addAll(missing);
        // a layout the textual insert does not understand (multi-line flow lists, anchors) is left to a person
        return resources(merged).filter(expected::equals).map(r -> merged);
    }

    private static String insert(String text, List<String> existing, List<String> missing) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        boolean endsWithNewline = text.endsWith("\n");
        if (endsWithNewline) {
            lines.remove(lines.size() - 1);
        }
        int key = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (RESOURCES_KEY.matcher(lines.get(i)).matches()) {
                key = i;
                break;
            }
        }
        if (key < 0) {
            lines.add("resources:");
            missing.forEach(r -> lines.add("  - " + r));
        } else if (lines.get(key).contains("[")) {
            // flow style ("resources: []"): rewrite as a block holding the existing entries first
            List<String> block = new ArrayList<>();
            block.add("resources:");
            existing.forEach(r -> block.add("  - " + r));
            missing.forEach(r -> block.add("  - " + r));
            lines.remove(key);
            lines.addAll(key, block);
        } else {
            int last = key;
            String indent = "  ";
            for (int i = key + 1; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher item = ITEM.matcher(line);
                if (item.matches()) {
                    last = i;
                    indent = item.group(1);
                } else if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")) {
                    break;
                }
            }
            List<String> added = new ArrayList<>();
            for (String r : missing) {
                added.add(indent + "- " + r);
            }
            lines.addAll(last + 1, added);
        }
        return String.join("\n", lines) + (endsWithNewline || key < 0 ? "\n" : "");
    }

    private static Optional<String> withEmptyResources(String existing) {
        String merged = existing + (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + "resources: []\n";
        return resources(merged).filter(List::isEmpty).filter(r -> declaresResources(merged)).map(r -> merged);
    }

    private static boolean declaresResources(String text) {
        try {
            return new Yaml().load(text) instanceof Map<?, ?> map && map.containsKey("resources");
        } catch (YAMLException e) {
            return false;
        }
    }

    /** The resources of a kustomization; empty when it is not a mapping or they are not a list of text. */
    static Optional<List<String>> resources(String text) {
        try {
            Object doc = new Yaml().load(text);
            if (doc == null) {
                return Optional.of(List.of());
            }
            if (!(doc instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            Object resources = map.get("resources");
            if (resources == null) {
                return Optional.of(List.of());
            }
            if (!(resources instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                return Optional.empty();
            }
            return Optional.of(list.stream().map(String.class::cast).toList());
        } catch (YAMLException e) {
            return Optional.empty();
        }
    }
}

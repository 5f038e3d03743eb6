package io.aksflux.seed;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Repository files compared as what Flux reads: their YAML documents. Two files holding the same documents are the
 * same file however they are quoted, indented, ordered or commented; a difference is shown as a unified diff of
 * both sides written out the same way, so only what changes the objects appears in it.
 */
public final class YamlText {
    private YamlText() {
    }

    /** True when both texts parse to the same documents (empty documents ignored); false when either is not YAML. */
    public static boolean sameDocuments(String a, String b) {
        Optional<List<Object>> left = documents(a);
        Optional<List<Object>> right = documents(b);
        return left.isPresent() && right.isPresent() && Objects.equals(left.get(), right.get());
    }

    /**
     * A unified diff from {@code repository} to {@code template}, labelled with the path; YAML on both sides is
     * written out canonically first (text that is not YAML is compared as it is).
     */
    public static String unifiedDiff(String path, String repository, String template) {
        RawText a = new RawText(canonical(repository).getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(canonical(template).getBytes(StandardCharsets.UTF_8));
        EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setContext(3);
            formatter.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "--- " + path + " (repository)\n+++ " + path + " (template)\n" + out.toString(StandardCharsets.UTF_8);
    }

    /** The documents written out the way templates are rendered; the text itself when it is not YAML. */
    static String canonical(String text) {
        Optional<List<Object>> docs = documents(text);
        if (docs.isEmpty()) {
            return text.endsWith("\n") ? text : text + "\n";
        }
        Yaml yaml = yaml();
        List<String> out = new ArrayList<>();
        docs.get().forEach(d -> out.add(yaml.dump(d)));
        return String.join("---\n", out);
    }

    private static Optional<List<Object>> documents(String text) {
        try {
            List<Object> docs = new ArrayList<>();
            for (Object doc : yaml().loadAll(text)) {
                if (doc != null) {
                    docs.add(doc);
                }
            }
            return Optional.of(docs);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Yaml yaml() {
        return io.aksflux.template.TemplateSet.yaml(); // the same YAML the templates are rendered with
    }
}

package io.aksflux.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code as rules the build enforces, read from the sources of every module: packages depend on each
 * other without circles, the Azure SDK stays in its adapter, and the engine never reaches up into the command line.
 */
class PackageDependenciesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.aksflux\\.([a-z]+)\\b");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = dependencies(REPO.resolve("provisioning/src/main/java"));

        assertThat(graph).as("the provisioning module's packages").hasSizeGreaterThan(10);
        assertThat(cycles(graph)).as("circles between packages (each list is one strongly connected group)").isEmpty();
    }

    @Test
    void theAzureSdkIsUsedOnlyInTheAzureAdapter() {
        List<String> outside = new ArrayList<>();
        for (String module : List.of("provisioning", "cli", "emulator")) {
            Path sources = REPO.resolve(module).resolve("src/main/java");
            for (Path file : javaFiles(sources)) {
                boolean inAdapter = sources.relativize(file).startsWith(Path.of("io/aksflux/azure"));
                if (!inAdapter && read(file).contains("com.azure.")) {
                    outside.add(REPO.relativize(file).toString());
                }
            }
        }

        assertThat(outside).as("files naming com.azure.* outside io.aksflux.azure").isEmpty();
    }

    @Test
    void theEngineNeverReachesIntoTheCommandLine() {
        Map<String, Set<String>> graph = dependencies(REPO.resolve("provisioning/src/main/java"));

        assertThat(graph.entrySet()).as("provisioning packages referring to io.aksflux.cli")
                .noneMatch(e -> e.getValue().contains("cli"));
    }

    @Test
    void aCircleIsFoundWhenThereIsOne() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));

        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
    }

    /** Package → the other io.aksflux packages its files name (imports and qualified names alike). */
    static Map<String, Set<String>> dependencies(Path sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : javaFiles(sources)) {
            Path relative = sources.relativize(file).getParent();
            if (relative == null || relative.getNameCount() < 3) {
                continue;
            }
            String pkg = relative.getName(2).toString();
            Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(read(file));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    uses.add(m.group(1));
                }
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components of more than one package, each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Tarjan t = new Tarjan(graph);
        graph.keySet().forEach(v -> {
            if (!t.index.containsKey(v)) {
                t.connect(v);
            }
        });
        return t.components;
    }

    private static final class Tarjan {
        final Map<String, Set<String>> graph;
        final Map<String, Integer> index = new TreeMap<>();
        final Map<String, Integer> low = new TreeMap<>();
        final java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();
        final List<List<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        void connect(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    connect(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    component.sort(String::compareTo);
                    components.add(component);
                }
            }
        }
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.aksflux.emulator.flux;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kustomize-controller's part, as far as the emulator can judge without a cluster: the kustomization path
 * exists, and every {@code resources} entry of its {@code kustomization.yaml} (recursively) is a file or a
 * directory holding a kustomization. Messages read like Flux's, with paths under {@code /tmp/<config>}.
 */
public final class KustomizeCheck {
    static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** Why a kustomization fails, with Flux's Ready reason. */
    public record Failure(String reason, String message) {
    }

    private final SourceTree tree;
    private final String workdir;

    public KustomizeCheck(SourceTree tree, String workdir) {
        this.tree = tree;
        this.workdir = workdir;
    }

    public Optional<Failure> check(String path) {
        Optional<String> root = SourceTree.resolve("", path);
        if (root.isEmpty() || tree.kind(root.get()) != SourceTree.Kind.DIRECTORY) {
            return Optional.of(new Failure("ArtifactFailed", "kustomization path not found: stat " + absolute(root.orElse(path))
                    + ": no such file or directory"));
        }
        return accumulate(root.get(), new HashSet<>()).map(m -> new Failure("BuildFailed", "kustomize build failed: " + m));
    }

    private Optional<String> accumulate(String directory, Set<String> visited) {
        if (!visited.add(directory)) {
            return Optional.empty();
        }
        Optional<String> file = kustomizationFile(directory);
        if (file.isEmpty()) {
            return Optional.empty(); // Flux generates a kustomization for a plain folder of manifests
        }
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(tree.read(file.get()).orElse(""));
        } catch (RuntimeException e) {
            return Optional.of("failed to read " + absolute(file.get()) + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        Object resources = parsed instanceof Map<?, ?> map ? map.get("resources") : null;
        if (!(resources instanceof List<?> entries)) {
            return Optional.empty();
        }
        for (Object entry : entries) {
            String resource = String.valueOf(entry);
            if (isRemote(resource)) {
                continue;
            }
            Optional<String> problem = resolveResource(directory, resource, visited);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<String> resolveResource(String directory, String resource, Set<String> visited) {
        Optional<String> target = SourceTree.resolve(directory, resource);
        String shown = absolute(target.orElse(directory + "/" + resource));
        String prefix = "accumulating resources: accumulation err='accumulating resources from '" + resource + "': ";
        SourceTree.Kind kind = target.map(tree::kind).orElse(SourceTree.Kind.MISSING);
        if (kind == SourceTree.Kind.MISSING) {
            return Optional.of(prefix + "evalsymlink failure on '" + shown + "' : lstat " + shown + ": no such file or directory'");
        }
        if (kind == SourceTree.Kind.DIRECTORY) {
            if (kindOfKustomization(target.get()).isEmpty()) {
                return Optional.of(prefix + "'" + shown + "' must resolve to a file': unable to find one of 'kustomization.yaml', "
                        + "'kustomization.yml' or 'Kustomization' in directory '" + shown + "'");
            }
            return accumulate(target.get(), visited);
        }
        return Optional.empty();
    }

    private Optional<String> kustomizationFile(String directory) {
        return kindOfKustomization(directory).map(name -> directory.isEmpty() ? name : directory + "/" + name);
    }

    private Optional<String> kindOfKustomization(String directory) {
        return KUSTOMIZATION_FILES.stream()
                .filter(name -> tree.kind(directory.isEmpty() ? name : directory + "/" + name) == SourceTree.Kind.FILE)
                .findFirst();
    }

    private String absolute(String path) {
        return workdir + "/" + path;
    }

    /** Remote bases (URLs, {@code github.com/...}) cannot be fetched here; kustomize would, so they pass. */
    private static boolean isRemote(String resource) {
        return resource.contains("://") || resource.matches("^[\\w.-]+\\.[a-z]{2,}/.*") && !resource.startsWith(".");
    }
}

package io.aksflux.guard;

import io.aksflux.kustomize.Build;
import io.aksflux.kustomize.KustomizeBuilder;
import io.aksflux.kustomize.OverlayTree;
import io.aksflux.kustomize.ResId;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What a Flux Kustomization applies from one path of a repository: the folder's kustomize build, or, for a folder
 * without a kustomization file, what Flux generates for it (every manifest below it, a sub-folder with its own
 * kustomization file as one build). Empty when the path is not there or does not build: nothing can be said of it.
 */
final class FluxBuild {
    private static final List<String> MANIFEST_ENDINGS = List.of(".yaml", ".yml");

    private final RepositoryFiles files;
    private final KustomizeBuilder builder;
    private final Map<String, List<Map<?, ?>>> documents = new HashMap<>();

    FluxBuild(RepositoryFiles files) {
        this.files = files;
        this.builder = new KustomizeBuilder(files);
    }

    /** An object the build applies: its id, the file it comes from, and its document (empty for a generated one). */
    record Applied(ResId id, String file, Map<?, ?> document) {
        String kind() {
            return id.kind();
        }

        String group() {
            return id.group();
        }

        /** {@code namespace/name} as kubectl shows it. */
        String name() {
            return (id.namespace().isEmpty() ? "" : id.namespace() + "/") + id.name();
        }
    }

    Optional<List<Applied>> of(String folder) {
        if (!files.isDirectory(folder)) {
            return Optional.empty();
        }
        boolean hasKustomization = KustomizeBuilder.KUSTOMIZATION_FILES.stream()
                .anyMatch(n -> files.read(join(folder, n)).isPresent());
        Build build = hasKustomization ? builder.build(folder) : generated(folder);
        if (!build.passed()) {
            return Optional.empty();
        }
        List<Applied> applied = new ArrayList<>();
        for (Build.Resource r : build.resources()) {
            ResId original = r.previous().isEmpty() ? r.id() : r.previous().get(0);
            applied.add(new Applied(r.id(), r.file(), document(r.file(), original).orElse(Map.of())));
        }
        return Optional.of(applied);
    }

    /** Flux's generated kustomization: the manifests below the folder, a folder with its own kustomization as a whole. */
    private Build generated(String folder) {
        SortedSet<String> below = files.filesUnder(folder);
        List<String> nested = files.kustomizationFolders().stream()
                .filter(f -> !f.equals(folder) && (folder.isEmpty() || f.startsWith(folder + "/"))).toList();
        List<String> resources = new ArrayList<>();
        for (String nest : nested) {
            if (nested.stream().noneMatch(outer -> !outer.equals(nest) && nest.startsWith(outer + "/"))) {
                resources.add(relative(folder, nest));
            }
        }
        for (String file : below) {
            boolean insideNested = nested.stream().anyMatch(n -> file.startsWith(n + "/"));
            if (!insideNested && MANIFEST_ENDINGS.stream().anyMatch(file::endsWith) && isManifest(file)) {
                resources.add(relative(folder, file));
            }
        }
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
                .append(resources.isEmpty() ? "resources: []\n" : "resources:\n");
        resources.forEach(r -> kustomization.append("  - '").append(r.replace("'", "''")).append("'\n"));
        OverlayTree withGenerated = new OverlayTree(files, Map.of(join(folder, "kustomization.yaml"), kustomization.toString()));
        return new KustomizeBuilder(withGenerated).build(folder);
    }

    /** A file Flux would apply: YAML whose documents are all Kubernetes objects (apiVersion and kind). */
    private boolean isManifest(String file) {
        List<Map<?, ?>> docs = documents(file);
        return !docs.isEmpty() && docs.stream().allMatch(d -> d.get("apiVersion") instanceof String && d.get("kind") instanceof String);
    }

    private Optional<Map<?, ?>> document(String file, ResId id) {
        return documents(file).stream().filter(d -> id.kind().equals(d.get("kind"))
                && d.get("metadata") instanceof Map<?, ?> m && id.name().equals(m.get("name"))).findFirst();
    }

    private List<Map<?, ?>> documents(String file) {
        return documents.computeIfAbsent(file, f -> {
            List<Map<?, ?>> docs = new ArrayList<>();
            try {
                for (Object doc : yaml().loadAll(files.read(f).orElse(""))) {
                    if (doc instanceof Map<?, ?> map) {
                        docs.add(map);
                    }
                }
            } catch (YAMLException e) {
                return List.of();
            }
            return docs;
        });
    }

    private static String relative(String folder, String path) {
        return folder.isEmpty() ? path : path.substring(folder.length() + 1);
    }

    private static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        return new Yaml(new SafeConstructor(options));
    }
}

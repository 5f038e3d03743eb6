package io.aksflux.emulator.flux;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kustomize-controller's part, as far as the emulator can judge without a cluster: the kustomization path
 * exists, every {@code resources} entry of its {@code kustomization.yaml} (recursively) is a file or a
 * directory holding a kustomization, and no object id is registered twice. Messages read like Flux's (and
 * kustomize's, checked against {@code kubectl kustomize}), with paths under {@code /tmp/<config>}.
 */
public final class KustomizeCheck {
    static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final String ALREADY_REGISTERED = "may not add resource with an already registered id: ";
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PriorityClass", "PersistentVolume", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "APIService");

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
        return build(path).failure();
    }

    /** What kustomize builds at {@code path}: its objects in order, or why it fails. */
    public Build build(String path) {
        Optional<String> root = SourceTree.resolve("", path);
        if (root.isEmpty() || tree.kind(root.get()) != SourceTree.Kind.DIRECTORY) {
            return Build.failed(new Failure("ArtifactFailed", "kustomization path not found: stat " + absolute(root.orElse(path))
                    + ": no such file or directory"));
        }
        Accumulated built = accumulate(root.get(), new ArrayDeque<>());
        return built.error() != null ? Build.failed(new Failure("BuildFailed", "kustomize build failed: " + built.error()))
                : new Build(Optional.empty(), built.objects().values().stream().toList());
    }

    /** A build's outcome: the failure, or the objects it holds (each a parsed manifest). */
    public record Build(Optional<Failure> failure, List<Map<String, Object>> objects) {
        static Build failed(Failure failure) {
            return new Build(Optional.of(failure), List.of());
        }
    }

    /** One directory's objects by kustomize's resource id, in order, or the first error in kustomize's words. */
    private record Accumulated(Map<String, Map<String, Object>> objects, String error) {
        static Accumulated failed(String error) {
            return new Accumulated(Map.of(), error);
        }
    }

    private Accumulated accumulate(String directory, Deque<String> stack) {
        Optional<String> file = kustomizationFile(directory);
        if (file.isEmpty() || stack.contains(directory)) {
            return new Accumulated(new LinkedHashMap<>(), null); // Flux generates a kustomization for a plain folder of manifests
        }
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(tree.read(file.get()).orElse(""));
        } catch (RuntimeException e) {
            return Accumulated.failed("failed to read " + absolute(file.get()) + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<?, ?> kustomization = parsed instanceof Map<?, ?> map ? map : Map.of();
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
        if (kustomization.get("resources") instanceof List<?> entries) {
            stack.push(directory);
            try {
                for (Object entry : entries) {
                    String resource = String.valueOf(entry);
                    if (isRemote(resource)) {
                        continue;
                    }
                    Optional<String> problem = resolveResource(directory, resource, stack, objects);
                    if (problem.isPresent()) {
                        return Accumulated.failed(problem.get());
                    }
                }
            } finally {
                stack.pop();
            }
        }
        patch(directory, kustomization, objects);
        return new Accumulated(withNamespace(objects, kustomization.get("namespace")), null);
    }

    /**
     * Strategic-merge patches ({@code patches} with a {@code path} or an inline {@code patch}, and
     * {@code patchesStrategicMerge}) as a merge of maps (lists replaced) into the object of the patch's kind and name,
     * or the {@code target}'s: enough for what the platform patches per environment, a HelmRelease's chart version
     * and values. JSON 6902 patches and a patch that cannot be read are left out.
     */
    private void patch(String directory, Map<?, ?> kustomization, Map<String, Map<String, Object>> objects) {
        List<Object> entries = new ArrayList<>();
        if (kustomization.get("patches") instanceof List<?> patches) {
            entries.addAll(patches);
        }
        if (kustomization.get("patchesStrategicMerge") instanceof List<?> patches) {
            patches.forEach(p -> entries.add(Map.of("path", p)));
        }
        for (Object entry : entries) {
            Map<?, ?> e = entry instanceof Map<?, ?> m ? m : Map.of("path", String.valueOf(entry));
            List<Map<String, Object>> documents = e.get("patch") != null ? parse(String.valueOf(e.get("patch")))
                    : SourceTree.resolve(directory, String.valueOf(e.get("path"))).map(this::manifests).orElse(List.of());
            Map<?, ?> target = e.get("target") instanceof Map<?, ?> t ? t : Map.of();
            for (Map<String, Object> document : documents) {
                Map<?, ?> metadata = document.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
                Object kind = target.get("kind") != null ? target.get("kind") : document.get("kind");
                Object name = target.get("name") != null ? target.get("name") : metadata.get("name");
                objects.replaceAll((id, object) -> {
                    Map<?, ?> objectMetadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
                    return String.valueOf(object.get("kind")).equals(String.valueOf(kind)) && (name == null
                            || String.valueOf(objectMetadata.get("name")).equals(String.valueOf(name))) ? merged(object, document) : object;
                });
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> patch) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        patch.forEach((k, v) -> {
            if (v instanceof Map<?, ?> vm && out.get(k) instanceof Map<?, ?> bm) {
                out.put(k, merged((Map<String, Object>) bm, (Map<String, Object>) vm));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private Optional<String> resolveResource(String directory, String resource, Deque<String> stack,
                                             Map<String, Map<String, Object>> objects) {
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
            Accumulated sub = accumulate(target.get(), stack);
            if (sub.error() != null) {
                return Optional.of(prefix + "'" + shown + "' must resolve to a file': recursed accumulation of path '" + shown + "': " + sub.error());
            }
            for (var object : sub.objects().entrySet()) {
                if (objects.putIfAbsent(object.getKey(), object.getValue()) != null) {
                    return Optional.of(prefix + "'" + shown + "' must resolve to a file': recursed merging from path '" + shown
                            + "': " + ALREADY_REGISTERED + object.getKey());
                }
            }
            return Optional.empty();
        }
        for (Map<String, Object> object : manifests(target.get())) {
            String id = resourceId(object);
            if (objects.putIfAbsent(id, object) != null) {
                return Optional.of("accumulating resources: accumulation err='merging resources from '" + resource + "': "
                        + ALREADY_REGISTERED + id + "': must build at directory: '" + shown + "': file is not directory");
            }
        }
        return Optional.empty();
    }

    /** The Kubernetes objects of a manifest file; a file the emulator cannot parse is left to the cluster to judge. */
    private List<Map<String, Object>> manifests(String file) {
        return parse(tree.read(file).orElse(""));
    }

    private static List<Map<String, Object>> parse(String text) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                if (document instanceof Map<?, ?> map && map.get("kind") != null) {
                    @SuppressWarnings("unchecked") Map<String, Object> object = (Map<String, Object>) map;
                    objects.add(object);
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return objects;
    }

    /** kustomize's id of an object, as its messages print it: {@code Kind.version.group/name.namespace}. */
    static String resourceId(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.getOrDefault("apiVersion", ""));
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "[noGrp]" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        return object.get("kind") + "." + version + "." + group + "/" + metadata.get("name") + "."
                + (namespace == null || String.valueOf(namespace).isEmpty() ? "[noNs]" : namespace);
    }

    /** A kustomization's {@code namespace:} moves its namespaced objects into that namespace, ids included. */
    private static Map<String, Map<String, Object>> withNamespace(Map<String, Map<String, Object>> objects, Object namespace) {
        if (namespace == null || String.valueOf(namespace).isBlank()) {
            return objects;
        }
        Map<String, Map<String, Object>> moved = new LinkedHashMap<>();
        objects.forEach((id, object) -> {
            if (CLUSTER_SCOPED.contains(String.valueOf(object.get("kind")))) {
                moved.put(id, object);
                return;
            }
            Map<String, Object> copy = new LinkedHashMap<>(object);
            Map<String, Object> metadata = new LinkedHashMap<>(object.get("metadata") instanceof Map<?, ?> m
                    ? castMap(m) : Map.of());
            metadata.put("namespace", String.valueOf(namespace));
            copy.put("metadata", metadata);
            moved.putIfAbsent(resourceId(copy), copy);
        });
        return moved;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
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

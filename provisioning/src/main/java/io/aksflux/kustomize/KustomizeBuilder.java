package io.aksflux.kustomize;

import io.aksflux.kustomize.Build.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds kustomization folders with kustomize's rules as far as they decide whether a build passes, without running
 * kustomize: {@code resources} (files and folders, each folder needing a kustomization file), {@code components},
 * object ids unique across the build, the files patches and generators name, patches without a target finding
 * exactly one object, and the namespace and name prefix/suffix applied to ids. Remote resources are not fetched.
 * A folder's build is computed once and reused by every build that includes it.
 */
public final class KustomizeBuilder {
    public static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix",
            "namespace", "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "patches",
            "images", "replacements", "replicas", "vars", "sortOptions", "resources", "components", "crds", "bases",
            "configMapGenerator", "secretGenerator", "helmGlobals", "helmCharts", "helmChartInflationGenerator",
            "generatorOptions", "configurations", "generators", "transformers", "validators", "buildMetadata");
    private static final Set<String> UNPREFIXED_KINDS = Set.of("CustomResourceDefinition", "APIService", "Namespace");
    private static final Pattern REMOTE = Pattern.compile("^([a-z][a-z0-9+.-]*://|git@|github\\.com/|gitlab\\.com/|bitbucket\\.org/).*|.*\\?ref=.*");

    private final FileTree tree;
    private final Map<String, Build> builds = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, Optional<String>> texts = new HashMap<>();
    private final Map<String, Boolean> folders = new HashMap<>();
    private final Map<String, List<Map<?, ?>>> parsed = new HashMap<>();
    private final KustomizeBuilder unchanged;
    private final Set<String> changed;

    public KustomizeBuilder(FileTree tree) {
        this(tree, null, Set.of());
    }

    /**
     * A builder of {@code tree} that takes a folder's build from {@code unchanged} (a builder of the same repository
     * before {@code changed} were written) when that build read none of them: it cannot differ.
     */
    public KustomizeBuilder(FileTree tree, KustomizeBuilder unchanged, Set<String> changed) {
        this.tree = tree;
        this.unchanged = unchanged;
        this.changed = Set.copyOf(changed);
    }

    private Optional<String> read(String path) {
        return texts.computeIfAbsent(path, tree::read);
    }

    private boolean isDirectory(String path) {
        return folders.computeIfAbsent(path, tree::isDirectory);
    }

    /** A build failure: the file it is about and kustomize's reason. */
    private static final class Failed extends RuntimeException {
        final String file;

        Failed(String file, String reason) {
            super(reason, null, false, false);
            this.file = file;
        }
    }

    /** The build of one folder (relative to the repository root, {@code ""} the root). */
    public Build build(String folder) {
        Build done = builds.get(folder);
        if (done != null) {
            return done;
        }
        if (unchanged != null && unchanged.isDirectory(folder)) {
            Build before = unchanged.build(folder);
            if (!before.readsAny(changed)) {
                builds.put(folder, before);
                return before;
            }
        }
        Set<String> reads = new TreeSet<>();
        List<Resource> resources = new ArrayList<>();
        inProgress.add(folder);
        Build build;
        try {
            run(folder, resources, false, reads);
            build = Build.passed(folder, reads, resources);
        } catch (Failed f) {
            build = Build.failed(folder, f.file, f.getMessage(), reads);
        } finally {
            inProgress.remove(folder);
        }
        builds.put(folder, build);
        return build;
    }

    /** Every kustomization folder of the tree, built. */
    public List<Build> buildAll() {
        return tree.kustomizationFolders().stream().map(this::build).toList();
    }

    private void run(String folder, List<Resource> acc, boolean component, Set<String> reads) {
        String file = kustomizationFile(folder, reads);
        Map<String, Object> k = kustomization(file, component);
        for (String entry : strings(k, "bases", file)) {
            addResources(folder, file, entry, acc, reads);
        }
        for (String entry : strings(k, "resources", file)) {
            addResources(folder, file, entry, acc, reads);
        }
        for (String entry : strings(k, "components", file)) {
            String dir = inside(folder, file, entry);
            reads.add(dir);
            if (!isDirectory(dir)) {
                throw new Failed(file, "component '" + entry + "' is not a folder");
            }
            run(dir, acc, true, reads);
        }
        for (String field : List.of("crds", "configurations", "generators", "transformers", "validators")) {
            for (String entry : strings(k, field, file)) {
                if (!entry.contains("\n") && !REMOTE.matcher(entry).matches()) {
                    String path = inside(folder, file, entry);
                    reads.add(path);
                    if (read(path).isEmpty() && !isDirectory(path)) {
                        throw new Failed(file, field + ": '" + entry + "': no such file or directory");
                    }
                }
            }
        }
        if (k.get("helmCharts") instanceof List<?> charts && !charts.isEmpty()) {
            throw new Failed(file, "helmCharts need kustomize's --enable-helm, which kubectl kustomize does not pass");
        }
        generate(folder, file, k, "configMapGenerator", "ConfigMap", acc, reads);
        generate(folder, file, k, "secretGenerator", "Secret", acc, reads);
        for (String entry : strings(k, "patchesStrategicMerge", file)) {
            String where = file;
            String text = entry;
            if (!entry.contains("\n")) {
                String path = inside(folder, file, entry);
                reads.add(path);
                where = path;
                text = read(path).orElseThrow(() -> new Failed(file, "patchesStrategicMerge: '" + entry + "': no such file"));
            }
            strategicMerge(where, text, acc);
        }
        for (Map<?, ?> patch : maps(k, "patches", file)) {
            patch(folder, file, patch, acc, reads, false);
        }
        if (k.get("namespace") instanceof String ns && !ns.isEmpty()) {
            setNamespace(file, ns, acc);
        }
        String prefix = k.get("namePrefix") instanceof String p ? p : "";
        String suffix = k.get("nameSuffix") instanceof String s ? s : "";
        if (!prefix.isEmpty() || !suffix.isEmpty()) {
            for (int i = 0; i < acc.size(); i++) {
                Resource r = acc.get(i);
                if (!UNPREFIXED_KINDS.contains(r.id().kind())) {
                    acc.set(i, moved(r, r.id().withName(prefix + r.id().name() + suffix)));
                }
            }
        }
        for (Map<?, ?> patch : maps(k, "patchesJson6902", file)) {
            patch(folder, file, patch, acc, reads, true);
        }
    }

    /** The folder's one kustomization file; every candidate name counts as read, so creating one concerns the build. */
    private String kustomizationFile(String folder, Set<String> reads) {
        List<String> present = new ArrayList<>();
        for (String name : KUSTOMIZATION_FILES) {
            String path = Paths.join(folder, name);
            reads.add(path);
            if (read(path).isPresent()) {
                present.add(path);
            }
        }
        if (present.size() > 1) {
            throw new Failed(Paths.show(folder), "found multiple kustomization files: " + String.join(", ", present));
        }
        if (present.isEmpty()) {
            throw new Failed(Paths.show(folder), "unable to find one of 'kustomization.yaml', 'kustomization.yml' or "
                    + "'Kustomization' in directory '" + Paths.show(folder) + "'");
        }
        return present.get(0);
    }

    private Map<String, Object> kustomization(String file, boolean component) {
        Object doc;
        try {
            doc = yaml().load(read(file).orElseThrow());
        } catch (YAMLException e) {
            throw new Failed(file, "not valid YAML: " + firstLine(e.getMessage()));
        }
        if (doc == null) {
            throw new Failed(file, Paths.name(file) + " is empty");
        }
        if (!(doc instanceof Map<?, ?> raw)) {
            throw new Failed(file, "invalid Kustomization: not a mapping");
        }
        Map<String, Object> k = new HashMap<>();
        raw.forEach((key, value) -> k.put(String.valueOf(key), value));
        for (String key : k.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new Failed(file, "invalid Kustomization: unknown field \"" + key + "\"");
            }
        }
        Object kind = k.get("kind");
        if (component && !"Component".equals(kind)) {
            throw new Failed(file, "expected kind 'Component' for a component, got '" + (kind == null ? "Kustomization" : kind) + "'");
        }
        if (!component && "Component".equals(kind)) {
            throw new Failed(file, "expected kind 'Kustomization', got 'Component' (list it under components, not resources)");
        }
        if (k.entrySet().stream().allMatch(e -> e.getKey().equals("apiVersion") || e.getKey().equals("kind") || e.getValue() == null)) {
            throw new Failed(file, Paths.name(file) + " is empty");
        }
        return k;
    }

    private void addResources(String folder, String file, String entry, List<Resource> acc, Set<String> reads) {
        if (REMOTE.matcher(entry).matches()) {
            return; // a remote base is not fetched: whatever it holds, a seed does not change it
        }
        String path = inside(folder, file, entry);
        reads.add(path);
        if (isDirectory(path)) {
            if (inProgress.contains(path)) {
                throw new Failed(file, "cycle detected: '" + entry + "' includes " + Paths.show(folder) + " itself");
            }
            Build sub = build(path);
            reads.addAll(sub.reads());
            if (!sub.passed()) {
                throw new Failed(sub.file(), sub.reason());
            }
            for (Resource r : sub.resources()) {
                append(r, acc);
            }
            return;
        }
        String text = read(path).orElseThrow(() -> new Failed(file,
                "accumulating resources from '" + entry + "': no such file or directory (" + path + ")"));
        for (Map<?, ?> object : parsed.computeIfAbsent(path, p -> objects(p, text))) {
            append(new Resource(idOf(path, object, "resource"), List.of(), path), acc);
        }
    }

    private static void append(Resource r, List<Resource> acc) {
        for (Resource existing : acc) {
            if (existing.id().sameAs(r.id())) {
                throw new Failed(r.file(), "may not add resource with an already registered id: " + r.id()
                        + " (already added from " + existing.file() + ")");
            }
        }
        acc.add(r);
    }

    private void generate(String folder, String file, Map<String, Object> k, String field, String kind,
                          List<Resource> acc, Set<String> reads) {
        for (Map<?, ?> generator : maps(k, field, file)) {
            Object name = generator.get("name");
            if (!(name instanceof String n) || n.isEmpty()) {
                throw new Failed(file, field + ": every generator needs a name");
            }
            List<String> sources = new ArrayList<>();
            for (String f : listOfText(generator.get("files"), file, field + " '" + n + "' files")) {
                sources.add(f.contains("=") ? f.substring(f.indexOf('=') + 1) : f);
            }
            sources.addAll(listOfText(generator.get("envs"), file, field + " '" + n + "' envs"));
            if (generator.get("env") instanceof String env) {
                sources.add(env);
            }
            for (String source : sources) {
                String path = inside(folder, file, source);
                reads.add(path);
                if (read(path).isEmpty()) {
                    throw new Failed(file, field + " '" + n + "': file '" + source + "' not found (" + path + ")");
                }
            }
            String ns = generator.get("namespace") instanceof String s ? s : "";
            ResId id = ResId.of("v1", kind, ns, n);
            String behavior = generator.get("behavior") instanceof String b ? b : "create";
            boolean exists = acc.stream().anyMatch(r -> r.id().sameAs(id));
            if (behavior.equals("create")) {
                if (exists) {
                    throw new Failed(file, field + " '" + n + "': " + id + " exists; behavior must be merge or replace");
                }
                acc.add(new Resource(id, List.of(), file));
            } else if (!exists) {
                throw new Failed(file, field + " '" + n + "': " + id + " does not exist; cannot " + behavior + " it");
            }
        }
    }

    private void patch(String folder, String file, Map<?, ?> patch, List<Resource> acc, Set<String> reads, boolean json6902) {
        String where = file;
        String text;
        if (patch.get("path") instanceof String p) {
            String path = inside(folder, file, p);
            reads.add(path);
            where = path;
            text = read(path).orElseThrow(() -> new Failed(file, "patch '" + p + "': no such file (" + path + ")"));
        } else if (patch.get("patch") instanceof String inline) {
            text = inline;
        } else {
            throw new Failed(file, "a patch needs a path or an inline patch");
        }
        boolean targeted = patch.get("target") instanceof Map<?, ?>;
        if (targeted) {
            return; // a target selects zero or more objects; selecting none is not an error
        }
        if (json6902 || looksLikeJsonPatch(where, text)) {
            throw new Failed(where, "must specify a target for a JSON 6902 patch");
        }
        strategicMerge(where, text, acc);
    }

    /** Each document of a strategic merge patch without a target must name exactly one object of the build. */
    private static void strategicMerge(String where, String text, List<Resource> acc) {
        for (Map<?, ?> doc : objects(where, text)) {
            ResId wanted = idOf(where, doc, "patch");
            List<Resource> matches = acc.stream().filter(r -> r.answersTo(wanted)).toList();
            if (matches.isEmpty()) {
                throw new Failed(where, "no resource matches strategic merge patch \"" + wanted + "\": no matches for Id "
                        + wanted + "; failed to find unique target for patch " + wanted);
            }
            if (matches.size() > 1) {
                throw new Failed(where, "multiple matches for Id " + wanted + "; failed to find unique target for patch");
            }
            if ("delete".equals(doc.get("$patch"))) {
                acc.remove(matches.get(0));
            }
        }
    }

    private static boolean looksLikeJsonPatch(String where, String text) {
        try {
            return yaml().load(text) instanceof List<?>;
        } catch (YAMLException e) {
            throw new Failed(where, "not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static void setNamespace(String file, String ns, List<Resource> acc) {
        for (int i = 0; i < acc.size(); i++) {
            Resource r = acc.get(i);
            if (r.id().namespaced()) {
                acc.set(i, moved(r, r.id().withNamespace(ns)));
            }
        }
        for (int i = 0; i < acc.size(); i++) {
            for (int j = i + 1; j < acc.size(); j++) {
                if (acc.get(i).id().sameAs(acc.get(j).id())) {
                    throw new Failed(file, "namespace transformation produces ID conflict: " + acc.get(j).id() + " from "
                            + acc.get(i).file() + " and " + acc.get(j).file());
                }
            }
        }
    }

    private static Resource moved(Resource r, ResId to) {
        List<ResId> previous = new ArrayList<>(r.previous());
        previous.add(r.id());
        return new Resource(to, previous, r.file());
    }

    /** The Kubernetes objects of a file: its YAML documents, a {@code List}'s items spread out. */
    private static List<Map<?, ?>> objects(String path, String text) {
        List<Map<?, ?>> out = new ArrayList<>();
        try {
            for (Object doc : yaml().loadAll(text)) {
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map<?, ?> map)) {
                    throw new Failed(path, "not a Kubernetes object (a YAML mapping with apiVersion, kind and metadata)");
                }
                if ("List".equals(map.get("kind")) && map.get("items") instanceof List<?> items) {
                    items.stream().filter(Map.class::isInstance).map(i -> (Map<?, ?>) i).forEach(out::add);
                } else {
                    out.add(map);
                }
            }
        } catch (YAMLException e) {
            throw new Failed(path, "not valid YAML: " + firstLine(e.getMessage()));
        }
        return out;
    }

    private static ResId idOf(String path, Map<?, ?> object, String what) {
        if (!(object.get("kind") instanceof String kind) || kind.isEmpty()) {
            throw new Failed(path, "missing kind in " + what + " object");
        }
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        if (!(metadata.get("name") instanceof String name) || name.isEmpty()) {
            throw new Failed(path, "missing metadata.name in " + what + " object of kind " + kind);
        }
        Object ns = metadata.get("namespace");
        Object apiVersion = object.get("apiVersion");
        return ResId.of(apiVersion == null ? null : String.valueOf(apiVersion), kind, ns == null ? "" : String.valueOf(ns), name);
    }

    /** A path inside the repository; an entry that climbs out of it cannot be checked and fails the build. */
    private static String inside(String folder, String file, String entry) {
        return Paths.resolve(folder, entry).orElseThrow(() -> new Failed(file, "'" + entry + "' leaves the repository"));
    }

    private static List<String> strings(Map<String, Object> k, String field, String file) {
        return listOfText(k.get(field), file, field);
    }

    private static List<String> listOfText(Object value, String file, String field) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new Failed(file, "invalid Kustomization: " + field + " must be a list of text");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static List<Map<?, ?>> maps(Map<String, Object> k, String field, String file) {
        Object value = k.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new Failed(file, "invalid Kustomization: " + field + " must be a list of mappings");
        }
        return list.stream().<Map<?, ?>>map(m -> (Map<?, ?>) m).toList();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().split("\n")[0];
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        return new Yaml(new SafeConstructor(options));
    }
}

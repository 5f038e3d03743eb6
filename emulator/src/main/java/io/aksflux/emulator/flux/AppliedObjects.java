package io.aksflux.emulator.flux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Flux objects a configuration's kustomizations apply, followed as the controllers would: a GitRepository is
 * fetched, a Kustomization reads its source (a GitRepository applied by any build of the configuration, or the
 * configuration's own, named after it), builds its path and is followed in turn, a HelmRelease is noted for
 * helm-controller. Following stops {@link #MAX_DEPTH} Kustomizations down, and a Kustomization met twice is followed
 * once, so a cycle ends.
 */
final class AppliedObjects {
    static final int MAX_DEPTH = 5;
    private static final String SOURCE_GROUP = "source.toolkit.fluxcd.io/";
    private static final String KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io/";
    private static final String HELM_GROUP = "helm.toolkit.fluxcd.io/";

    /** An object a kustomization applied, with the kustomization that applied it. */
    sealed interface Nested permits Source, Kustomization, Release {
        ObjectRef ref();

        ObjectRef appliedBy();
    }

    /** A GitRepository: the revision it fetched, or source-controller's error. */
    record Source(ObjectRef ref, ObjectRef appliedBy, String revision, String error) implements Nested {
    }

    /** A Kustomization: its source, the revision it built, why it fails (if it does), and what it waits for. */
    record Kustomization(ObjectRef ref, ObjectRef appliedBy, ObjectRef source, String revision, Optional<KustomizeCheck.Failure> failure,
                         List<ObjectRef> dependsOn) implements Nested {
    }

    /** A HelmRelease: the chart ({@code spec.chart.spec.chart}) and version ({@code spec.chart.spec.version}) it asks for. */
    record Release(ObjectRef ref, ObjectRef appliedBy, String apiVersion, String chart, String version) implements Nested {
    }

    /** One build to look through: what it holds, who applied it, the variables its objects are substituted with. */
    private record Build(ObjectRef by, List<Map<String, Object>> objects, Map<String, String> variables, int depth, boolean nested) {
    }

    private record Waiting(ObjectRef ref, ObjectRef by, Map<String, Object> spec, int depth) {
    }

    private final GitSource git;
    private final ClusterObjects cluster;
    private final String clusterId;
    private final Consumer<Map<String, Object>> applied;
    private final Map<ObjectRef, GitSource.Fetched> sources = new LinkedHashMap<>();
    private final Deque<Build> builds = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();
    private final List<Nested> found = new ArrayList<>();

    /**
     * @param own the configuration's own GitRepository and what it fetched
     * @param applied what applying a nested build's object does to the cluster
     */
    AppliedObjects(GitSource git, ClusterObjects cluster, String clusterId, ObjectRef own, GitSource.Fetched fetched,
                   Consumer<Map<String, Object>> applied) {
        this.git = git;
        this.cluster = cluster;
        this.clusterId = clusterId;
        this.applied = applied;
        sources.put(own, fetched);
        seen.add("GitRepository " + own);
    }

    /** A configuration's kustomization applied {@code objects}, substituted from its {@code postBuild}. */
    void applied(ObjectRef by, List<Map<String, Object>> objects, Map<String, Object> postBuild) {
        seen.add("Kustomization " + by);
        builds.add(new Build(by, objects, variables(by.namespace(), postBuild), 1, false));
    }

    /** Every object followed, in the order the controllers meet them. */
    List<Nested> follow() {
        List<Waiting> waiting = new ArrayList<>();
        while (!builds.isEmpty() || !waiting.isEmpty()) {
            while (!builds.isEmpty()) {
                Build build = builds.poll();
                for (Map<String, Object> object : build.objects()) {
                    visit(Substitution.apply(object, build.variables()), build, waiting);
                }
            }
            List<Waiting> ready = waiting.stream().filter(w -> sources.containsKey(sourceOf(w))).toList();
            if (ready.isEmpty()) {
                waiting.forEach(w -> found.add(new Kustomization(w.ref(), w.by(), sourceOf(w), "", Optional.of(new KustomizeCheck.Failure(
                        "ArtifactFailed", "Source 'GitRepository/" + sourceOf(w) + "' not found")), dependsOn(w))));
                waiting.clear();
            } else {
                waiting.removeAll(ready);
                ready.forEach(this::build);
            }
        }
        return found;
    }

    private void visit(Map<String, Object> object, Build build, List<Waiting> waiting) {
        if (build.nested()) {
            applied.accept(object);
        }
        String apiVersion = String.valueOf(object.getOrDefault("apiVersion", ""));
        String kind = String.valueOf(object.get("kind"));
        Map<String, Object> metadata = map(object.get("metadata"));
        ObjectRef ref = new ObjectRef(text(metadata, "namespace", build.by().namespace()), text(metadata, "name", ""));
        Map<String, Object> spec = map(object.get("spec"));
        if (apiVersion.startsWith(SOURCE_GROUP) && kind.equals("GitRepository") && seen.add("GitRepository " + ref)) {
            Map<String, Object> gitRef = map(spec.get("ref"));
            GitSource.Fetched fetched = git.fetch(text(spec, "url", ""), new GitSource.Ref(text(gitRef, "branch", null),
                    text(gitRef, "tag", null), text(gitRef, "semver", null), text(gitRef, "commit", null)));
            sources.put(ref, fetched);
            found.add(new Source(ref, build.by(), fetched.revision(), fetched.error()));
        } else if (apiVersion.startsWith(KUSTOMIZE_GROUP) && kind.equals("Kustomization") && build.depth() < MAX_DEPTH
                && seen.add("Kustomization " + ref)) {
            waiting.add(new Waiting(ref, build.by(), spec, build.depth() + 1));
        } else if (apiVersion.startsWith(HELM_GROUP) && kind.equals("HelmRelease") && seen.add("HelmRelease " + ref)) {
            Map<String, Object> chart = map(map(spec.get("chart")).get("spec"));
            found.add(new Release(ref, build.by(), apiVersion, text(chart, "chart", ref.name()), text(chart, "version", "*")));
        }
    }

    /** Builds a Kustomization whose source is known, and queues its objects to follow. */
    private void build(Waiting w) {
        ObjectRef source = sourceOf(w);
        GitSource.Fetched fetched = sources.get(source);
        String sourceKind = text(map(w.spec().get("sourceRef")), "kind", "GitRepository");
        Optional<KustomizeCheck.Failure> failure;
        if (!sourceKind.equals("GitRepository")) {
            failure = Optional.of(new KustomizeCheck.Failure("ArtifactFailed", "the aksflux emulator simulates GitRepository sources only, not " + sourceKind));
        } else if (!fetched.ok()) {
            failure = Optional.of(new KustomizeCheck.Failure("ArtifactFailed", "Source artifact not found, retrying in 30s"));
        } else {
            KustomizeCheck.Build build = new KustomizeCheck(fetched.tree(), "/tmp/" + w.ref().name()).build(text(w.spec(), "path", ""));
            failure = build.failure();
            if (failure.isEmpty()) {
                builds.add(new Build(w.ref(), build.objects(), variables(w.ref().namespace(), map(w.spec().get("postBuild"))), w.depth(), true));
            }
        }
        found.add(new Kustomization(w.ref(), w.by(), source, fetched.ok() ? fetched.revision() : "", failure, dependsOn(w)));
    }

    private static ObjectRef sourceOf(Waiting w) {
        Map<String, Object> sourceRef = map(w.spec().get("sourceRef"));
        return new ObjectRef(text(sourceRef, "namespace", w.ref().namespace()), text(sourceRef, "name", ""));
    }

    private static List<ObjectRef> dependsOn(Waiting w) {
        List<ObjectRef> deps = new ArrayList<>();
        if (w.spec().get("dependsOn") instanceof List<?> list) {
            for (Object dep : list) {
                Map<String, Object> d = map(dep);
                deps.add(new ObjectRef(text(d, "namespace", w.ref().namespace()), text(d, "name", "")));
            }
        }
        return deps;
    }

    /**
     * A kustomization's substitution variables: its {@code substituteFrom} ConfigMaps' data (read from the cluster, in
     * its namespace), then {@code substitute}, which wins as in Flux.
     */
    private Map<String, String> variables(String namespace, Map<String, Object> postBuild) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (postBuild.get("substituteFrom") instanceof List<?> from) {
            for (Object entry : from) {
                Map<String, Object> f = map(entry);
                if (text(f, "kind", "").equals("ConfigMap")) {
                    variables.putAll(cluster.configMapData(clusterId, namespace, text(f, "name", "")));
                }
            }
        }
        map(postBuild.get("substitute")).forEach((k, v) -> variables.put(k, String.valueOf(v)));
        return variables;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Map<String, Object> map, String key, String fallback) {
        Object value = map.get(key);
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
    }
}

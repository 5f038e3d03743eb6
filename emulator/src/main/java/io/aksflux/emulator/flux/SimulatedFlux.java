package io.aksflux.emulator.flux;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What Flux on the cluster would report for a flux configuration: the GitRepository named after the
 * configuration and one Kustomization {@code <config>-<kustomization>} per kustomization, then what those apply,
 * followed ({@link AppliedObjects}): nested GitRepositories and Kustomizations, and HelmReleases with
 * helm-controller's revisions, counts and messages, each with {@code appliedBy}. The sources are fetched when the
 * configuration is written and again once a reconcile step has passed (so a push or a removed path is noticed);
 * each kustomization turns Compliant one step after its dependencies did, or Non-Compliant with Flux's message, and
 * its dependents stay Pending on it. A HelmRelease installs or upgrades one step after the Kustomization that
 * applied it is Ready; until then it reports what the last reconciliation deployed.
 */
public final class SimulatedFlux {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Instant NEVER = Timeline.NEVER;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The last reconciliation of one configuration: when its timeline began, what each kustomization met, the objects
     * they applied (followed), which HelmReleases fail by a fault, and what the reconciliation before left: each
     * release's status and the nested objects already shown.
     */
    private record Sync(Instant start, Instant fetchedAt, GitSource.Fetched source, Map<String, Optional<KustomizeCheck.Failure>> outcomes,
                        List<AppliedObjects.Nested> nested, Map<ObjectRef, String> helmFailures,
                        Map<ObjectRef, HelmReleaseStatus> before, Set<String> shown) {
        boolean sameResult(Sync other) {
            return Objects.equals(source.revision(), other.source.revision()) && Objects.equals(source.error(), other.source.error())
                    && outcomes.equals(other.outcomes) && nested.equals(other.nested) && helmFailures.equals(other.helmFailures);
        }

        Sync fetchedAgain(Instant now) {
            return new Sync(start, now, source, outcomes, nested, helmFailures, before, shown);
        }

        Sync after(View earlier) {
            return new Sync(start, fetchedAt, source, outcomes, nested, helmFailures, earlier.releases(), earlier.shown());
        }
    }

    /** A report with what the next reconciliation starts from. */
    private record View(Report report, Map<ObjectRef, HelmReleaseStatus> releases, Set<String> shown) {
    }

    /** An event helm-controller records on a HelmRelease: Normal when an action succeeded, Warning when it failed. */
    public record HelmEvent(Instant at, String type, String reason, String message) {
    }

    /** A HelmRelease as the cluster holds it: its apiVersion, the chart and version its spec asks for, its status, its recent events. */
    public record HelmRelease(String apiVersion, String chart, String version, HelmReleaseStatus status, List<HelmEvent> events) {
    }

    private static final int EVENTS_KEPT = 10;

    /** {@code properties} fields Flux fills in, ready to merge into a GET. */
    public record Report(ArrayNode statuses, String complianceState, String sourceSyncedCommitId, Instant sourceUpdatedAt) {
    }

    private final GitSource git;
    private final Duration step;
    private final ClusterObjects cluster;
    private final HelmFailures helmFailures;
    private final Map<String, Sync> syncs = new HashMap<>();
    private final Map<String, Map<ObjectRef, List<HelmEvent>>> events = new HashMap<>();

    public SimulatedFlux(GitSource git, Duration reconcileStep) {
        this(git, reconcileStep, ClusterObjects.EMPTY);
    }

    /** @param cluster the clusters' ConfigMaps and Secrets, read for substituteFrom and changed by what Flux applies */
    public SimulatedFlux(GitSource git, Duration reconcileStep, ClusterObjects cluster) {
        this(git, reconcileStep, cluster, HelmFailures.NONE);
    }

    /** @param helmFailures the HelmReleases whose install or upgrade fails, read at each reconciliation */
    public SimulatedFlux(GitSource git, Duration reconcileStep, ClusterObjects cluster, HelmFailures helmFailures) {
        this.git = git;
        this.step = reconcileStep;
        this.cluster = cluster;
        this.helmFailures = helmFailures;
    }

    /** Fetches and checks the configuration as written; its objects start reconciling at {@code start}. */
    public void configure(String id, String name, JsonNode properties, Instant now, Instant start) {
        Sync fresh = reconcile(id, name, properties, now, start);
        Sync earlier = syncs.get(id);
        syncs.put(id, earlier == null || now.isBefore(earlier.start()) ? fresh : fresh.after(view(name, properties, earlier, now)));
    }

    public void forget(String id) {
        syncs.remove(id);
        events.remove(id);
    }

    /** A HelmRelease of configuration {@code id} at {@code now} (reconciling first, as a GET would), if Flux runs it. */
    public Optional<HelmRelease> helmRelease(String id, String name, JsonNode properties, Instant now, ObjectRef release) {
        Sync sync = syncs.get(id);
        if (sync == null || now.isBefore(sync.start())) {
            return Optional.empty();
        }
        report(id, name, properties, now);
        sync = syncs.get(id);
        HelmReleaseStatus status = view(name, properties, sync, now).releases().get(release);
        for (AppliedObjects.Nested n : sync.nested()) {
            if (status != null && n instanceof AppliedObjects.Release wanted && wanted.ref().equals(release)) {
                return Optional.of(new HelmRelease(wanted.apiVersion(), wanted.chart(), wanted.version(), status,
                        List.copyOf(events.getOrDefault(id, Map.of()).getOrDefault(release, List.of()))));
            }
        }
        return Optional.empty();
    }

    /** Records each release's new success or failure as helm-controller's event, keeping the last few. */
    private void recordEvents(String id, View view) {
        Map<ObjectRef, List<HelmEvent>> byRelease = events.computeIfAbsent(id, k -> new HashMap<>());
        view.releases().forEach((ref, status) -> {
            if (status.complianceState().equals("Pending")) {
                return;
            }
            List<HelmEvent> list = byRelease.computeIfAbsent(ref, k -> new ArrayList<>());
            HelmEvent event = new HelmEvent(status.since(), status.complianceState().equals("Compliant") ? "Normal" : "Warning",
                    status.reason(), status.message());
            if (list.isEmpty() || !list.get(list.size() - 1).message().equals(event.message())) {
                list.add(event);
                if (list.size() > EVENTS_KEPT) {
                    list.remove(0);
                }
            }
        });
    }

    /** The report at {@code now}, fetching again first when a reconcile step has passed since the last fetch. */
    public Report report(String id, String name, JsonNode properties, Instant now) {
        Sync sync = syncs.get(id);
        if (sync == null || now.isBefore(sync.start())) {
            return new Report(JSON.arrayNode(), "Pending", "", null);
        }
        if (Duration.between(sync.fetchedAt(), now).compareTo(step) >= 0 && now.isAfter(sync.fetchedAt())) {
            Sync fresh = reconcile(id, name, properties, now, now);
            sync = fresh.sameResult(sync) ? sync.fetchedAgain(now) : fresh.after(view(name, properties, sync, now));
            syncs.put(id, sync);
        }
        View view = view(name, properties, sync, now);
        recordEvents(id, view);
        return view.report();
    }

    private Sync reconcile(String id, String name, JsonNode properties, Instant now, Instant start) {
        GitSource.Fetched source = fetch(properties);
        Map<String, Optional<KustomizeCheck.Failure>> outcomes = new LinkedHashMap<>();
        KustomizeCheck check = source.ok() ? new KustomizeCheck(source.tree(), "/tmp/" + name) : null;
        String clusterId = clusterOf(id);
        String namespace = properties.path("namespace").asText("default");
        JsonNode kustomizations = properties.path("kustomizations");
        AppliedObjects applied = new AppliedObjects(git, cluster, clusterId, new ObjectRef(namespace, name), source,
                object -> applied(clusterId, object));
        // in dependency order, so what an earlier kustomization applies (a provider's ConfigMap) exists for the next
        for (String k : dependencyOrder(kustomizations)) {
            JsonNode kustomization = kustomizations.path(k);
            if (check == null) {
                outcomes.put(k, Optional.empty());
                continue;
            }
            KustomizeCheck.Build build = check.build(kustomization.path("path").asText(""));
            Optional<KustomizeCheck.Failure> failure = build.failure().or(() -> missingSubstitution(clusterId, namespace, kustomization));
            outcomes.put(k, failure);
            boolean dependenciesApplied = true;
            for (JsonNode dep : kustomization.path("dependsOn")) {
                dependenciesApplied &= outcomes.getOrDefault(dep.asText(), Optional.of(new KustomizeCheck.Failure("", ""))).isEmpty();
            }
            if (failure.isEmpty() && dependenciesApplied) {
                build.objects().forEach(object -> applied(clusterId, object));
                applied.applied(new ObjectRef(namespace, name + "-" + k), build.objects(), postBuild(kustomization));
            }
        }
        Map<String, Optional<KustomizeCheck.Failure>> ordered = new LinkedHashMap<>();
        kustomizations.fieldNames().forEachRemaining(k -> ordered.put(k, outcomes.getOrDefault(k, Optional.empty())));
        List<AppliedObjects.Nested> nested = check == null ? List.of() : List.copyOf(applied.follow());
        Map<ObjectRef, String> failing = new HashMap<>();
        for (AppliedObjects.Nested n : nested) {
            if (n instanceof AppliedObjects.Release release) {
                helmFailures.failure(release.ref()).ifPresent(reason -> failing.put(release.ref(), reason));
            }
        }
        return new Sync(start, now, source, ordered, nested, Map.copyOf(failing), Map.of(), Set.of());
    }

    private static Map<String, Object> postBuild(JsonNode kustomization) {
        JsonNode postBuild = kustomization.path("postBuild");
        return postBuild.isObject() ? MAPPER.convertValue(postBuild, new TypeReference<Map<String, Object>>() { })
                : Map.of();
    }

    /**
     * kustomize-controller reads every {@code postBuild.substituteFrom} object from the kustomization's namespace before
     * it builds; one missing and not {@code optional: true} fails the kustomization with the API server's NotFound.
     */
    private Optional<KustomizeCheck.Failure> missingSubstitution(String clusterId, String namespace, JsonNode kustomization) {
        for (JsonNode from : kustomization.path("postBuild").path("substituteFrom")) {
            String kind = from.path("kind").asText("");
            String objectName = from.path("name").asText("");
            if (!(kind.equals("ConfigMap") || kind.equals("Secret")) || from.path("optional").asBoolean(false)
                    || cluster.exists(clusterId, kind, namespace, objectName)) {
                continue;
            }
            String resource = kind.equals("ConfigMap") ? "configmaps" : "secrets";
            return Optional.of(new KustomizeCheck.Failure("BuildFailed", "substitute from '" + kind + "/" + objectName + "' error: "
                    + resource + " \"" + objectName + "\" not found"));
        }
        return Optional.empty();
    }

    /** What applying an object changes in the simulated cluster: an App Configuration provider creates its targets. */
    private void applied(String clusterId, Map<String, Object> object) {
        if (!"AzureAppConfigurationProvider".equals(object.get("kind"))) {
            return;
        }
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> spec = object.get("spec") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> target = spec.get("target") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> secret = spec.get("secret") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> secretTarget = secret.get("target") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        cluster.appConfigurationProvider(clusterId, namespace == null ? "default" : String.valueOf(namespace),
                String.valueOf(metadata.get("name")), target.get("configMapName") == null ? null : String.valueOf(target.get("configMapName")),
                secretTarget.get("secretName") == null ? null : String.valueOf(secretTarget.get("secretName")));
    }

    /** Kustomization names with every dependency before its dependents; names in a cycle or with unknown deps last. */
    private static List<String> dependencyOrder(JsonNode kustomizations) {
        List<String> order = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        kustomizations.fieldNames().forEachRemaining(pending::add);
        boolean progressed = true;
        while (!pending.isEmpty() && progressed) {
            progressed = false;
            for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                String k = it.next();
                boolean ready = true;
                for (JsonNode dep : kustomizations.path(k).path("dependsOn")) {
                    ready &= order.contains(dep.asText());
                }
                if (ready) {
                    order.add(k);
                    it.remove();
                    progressed = true;
                }
            }
        }
        order.addAll(pending);
        return order;
    }

    private static String clusterOf(String configurationId) {
        int providers = configurationId.toLowerCase(java.util.Locale.ROOT).indexOf("/providers/microsoft.kubernetesconfiguration/");
        return providers < 0 ? configurationId : configurationId.substring(0, providers);
    }

    private GitSource.Fetched fetch(JsonNode properties) {
        String kind = properties.path("sourceKind").asText("GitRepository");
        if (!kind.equalsIgnoreCase("GitRepository")) {
            return new GitSource.Fetched(null, null, "the aksflux emulator simulates GitRepository sources only, not " + kind);
        }
        JsonNode git = properties.path("gitRepository");
        JsonNode ref = git.path("repositoryRef");
        return this.git.fetch(git.path("url").asText(""),
                new GitSource.Ref(text(ref, "branch"), text(ref, "tag"), text(ref, "semver"), text(ref, "commit")));
    }

    private View view(String name, JsonNode properties, Sync sync, Instant now) {
        String namespace = properties.path("namespace").asText("default");
        ArrayNode statuses = JSON.arrayNode();
        boolean sourceOk = sync.source().ok();
        statuses.add(status(name, namespace, "GitRepository", sourceOk ? "Compliant" : "Non-Compliant",
                sourceOk ? "Succeeded" : "GitOperationFailed",
                sourceOk ? "stored artifact for revision '" + sync.source().revision() + "'" : sync.source().error(), sync.start()));
        Map<String, Instant> ready = new HashMap<>();
        List<String> states = new ArrayList<>();
        states.add(sourceOk ? "Compliant" : "Non-Compliant");
        JsonNode kustomizations = properties.path("kustomizations");
        Map<ObjectRef, Instant> configured = new HashMap<>();
        for (Iterator<String> it = kustomizations.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            ObjectNode status = kustomization(name, namespace, k, kustomizations, sync, ready, now);
            statuses.add(status);
            states.add(status.path("complianceState").asText());
            configured.put(new ObjectRef(namespace, name + "-" + k), sourceOk ? readyAt(k, kustomizations, sync, ready, new ArrayList<>()) : NEVER);
        }
        Timeline timeline = new Timeline(sync.nested(), configured, new ObjectRef(namespace, name), sourceOk ? sync.start() : NEVER, step);
        Map<ObjectRef, HelmReleaseStatus> releases = new LinkedHashMap<>();
        Set<String> shown = new HashSet<>();
        for (AppliedObjects.Nested object : sync.nested()) {
            Optional<ObjectNode> status = nested(object, timeline, sync, now, releases);
            status.ifPresent(s -> {
                statuses.add(s);
                states.add(s.path("complianceState").asText());
                shown.add(key(object));
            });
        }
        String compliance = states.contains("Non-Compliant") ? "Non-Compliant"
                : states.stream().allMatch("Compliant"::equals) ? "Compliant" : "Pending";
        return new View(new Report(statuses, compliance, sourceOk ? sync.source().revision() : "", sync.fetchedAt()), releases, shown);
    }

    /**
     * A followed object's status at {@code now}: none before it is applied, unless the reconciliation before showed
     * it; a HelmRelease's as helm-controller reports it ({@link HelmReleaseStatus#at}).
     */
    private Optional<ObjectNode> nested(AppliedObjects.Nested object, Timeline timeline, Sync sync, Instant now,
                                        Map<ObjectRef, HelmReleaseStatus> releases) {
        Instant applied = timeline.appliedAt(object);
        ObjectRef ref = object.ref();
        if (object instanceof AppliedObjects.Release release) {
            Optional<HelmReleaseStatus> status = HelmReleaseStatus.at(release, sync.before().get(ref), applied,
                    Optional.ofNullable(sync.helmFailures().get(ref)), now, step);
            status.ifPresent(s -> releases.put(ref, s));
            return status.map(s -> helmRelease(s, release.appliedBy()));
        }
        if (now.isBefore(applied) && !sync.shown().contains(key(object))) {
            return Optional.empty();
        }
        String kind = object instanceof AppliedObjects.Source ? "GitRepository" : "Kustomization";
        if (now.isBefore(applied)) {
            return Optional.of(status(ref, kind, "Pending", "Progressing", "Reconciliation in progress", sync.start(), object.appliedBy()));
        }
        if (object instanceof AppliedObjects.Source source) {
            return Optional.of(source.error() == null
                    ? status(ref, kind, "Compliant", "Succeeded", "stored artifact for revision '" + source.revision() + "'", applied, source.appliedBy())
                    : status(ref, kind, "Non-Compliant", "GitOperationFailed", source.error(), applied, source.appliedBy()));
        }
        AppliedObjects.Kustomization k = (AppliedObjects.Kustomization) object;
        for (ObjectRef dep : k.dependsOn()) {
            if (now.isBefore(timeline.kustomization(dep))) {
                return Optional.of(status(ref, kind, "Pending", "DependencyNotReady", "dependency '" + dep + "' is not ready", applied, k.appliedBy()));
            }
        }
        if (k.failure().isPresent()) {
            Instant fails = timeline.failsAt(k);
            return Optional.of(now.isBefore(fails)
                    ? status(ref, kind, "Pending", "Progressing", "Reconciliation in progress", applied, k.appliedBy())
                    : status(ref, kind, "Non-Compliant", k.failure().get().reason(), k.failure().get().message(), fails, k.appliedBy()));
        }
        Instant ready = timeline.kustomization(ref);
        return Optional.of(now.isBefore(ready)
                ? status(ref, kind, "Pending", "Progressing", "Reconciliation in progress", applied, k.appliedBy())
                : status(ref, kind, "Compliant", "ReconciliationSucceeded", "Applied revision: " + k.revision(), ready, k.appliedBy()));
    }

    private static String key(AppliedObjects.Nested object) {
        return object.getClass().getSimpleName() + " " + object.ref();
    }

    private static ObjectNode status(ObjectRef ref, String kind, String compliance, String reason, String message, Instant since, ObjectRef appliedBy) {
        ObjectNode status = status(ref.name(), ref.namespace(), kind, compliance, reason, message, since);
        status.set("appliedBy", reference(appliedBy));
        return status;
    }

    /** A HelmRelease's status as the API reports it: its Ready condition and {@code helmReleaseProperties}. */
    static ObjectNode helmRelease(HelmReleaseStatus s, ObjectRef appliedBy) {
        ObjectNode status = status(s.release(), "HelmRelease", s.complianceState(), s.reason(), s.message(), s.since(), appliedBy);
        ObjectNode helm = status.putObject("helmReleaseProperties");
        if (s.revision() == 0) {
            helm.putNull("lastRevisionApplied");
        } else {
            helm.put("lastRevisionApplied", s.revision());
        }
        helm.set("helmChartRef", reference(new ObjectRef(s.release().namespace(), s.release().namespace() + "-" + s.release().name())));
        helm.put("failureCount", s.failures());
        helm.put("installFailureCount", s.installFailures());
        helm.put("upgradeFailureCount", s.upgradeFailures());
        return status;
    }

    private static ObjectNode reference(ObjectRef ref) {
        return JSON.objectNode().put("name", ref.name()).put("namespace", ref.namespace());
    }

    private ObjectNode kustomization(String config, String namespace, String k, JsonNode all, Sync sync,
                                     Map<String, Instant> ready, Instant now) {
        String objectName = config + "-" + k;
        if (!sync.source().ok()) {
            return status(objectName, namespace, "Kustomization", "Pending", "ArtifactFailed",
                    "Source artifact not found, retrying in 30s", sync.start());
        }
        Instant attempt = sync.start();
        String waitingOn = null;
        for (JsonNode dep : all.path(k).path("dependsOn")) {
            Instant depReady = readyAt(dep.asText(), all, sync, ready, new ArrayList<>());
            if (depReady.isAfter(attempt)) {
                attempt = depReady;
            }
            if (waitingOn == null && now.isBefore(depReady)) {
                waitingOn = dep.asText();
            }
        }
        if (waitingOn != null) {
            return status(objectName, namespace, "Kustomization", "Pending", "DependencyNotReady",
                    "dependency '" + namespace + "/" + config + "-" + waitingOn + "' is not ready", sync.start());
        }
        Instant done = attempt.plus(step);
        if (now.isBefore(done)) {
            return status(objectName, namespace, "Kustomization", "Pending", "Progressing", "Reconciliation in progress", attempt);
        }
        Optional<KustomizeCheck.Failure> failure = sync.outcomes().getOrDefault(k, Optional.empty());
        return failure.map(f -> status(objectName, namespace, "Kustomization", "Non-Compliant", f.reason(), f.message(), done))
                .orElseGet(() -> status(objectName, namespace, "Kustomization", "Compliant", "ReconciliationSucceeded",
                        "Applied revision: " + sync.source().revision(), done));
    }

    /** When a kustomization turns Compliant: one step after its last dependency did; never when it or one of them fails. */
    private Instant readyAt(String k, JsonNode all, Sync sync, Map<String, Instant> memo, List<String> visiting) {
        if (memo.containsKey(k)) {
            return memo.get(k);
        }
        if (!all.has(k) || visiting.contains(k) || sync.outcomes().getOrDefault(k, Optional.empty()).isPresent()) {
            return NEVER;
        }
        visiting.add(k);
        Instant start = sync.start();
        for (JsonNode dep : all.path(k).path("dependsOn")) {
            Instant depReady = readyAt(dep.asText(), all, sync, memo, visiting);
            if (depReady.isAfter(start)) {
                start = depReady;
            }
        }
        visiting.remove(k);
        Instant result = start.equals(NEVER) ? NEVER : start.plus(step);
        memo.put(k, result);
        return result;
    }

    private static ObjectNode status(String name, String namespace, String kind, String compliance, String reason, String message,
                                     Instant since) {
        ObjectNode status = JSON.objectNode();
        status.put("name", name);
        status.put("namespace", namespace);
        status.put("kind", kind);
        status.put("complianceState", compliance);
        status.putNull("appliedBy");
        ObjectNode condition = status.putArray("statusConditions").addObject();
        condition.put("lastTransitionTime", since.toString());
        condition.put("message", message);
        condition.put("reason", reason);
        condition.put("status", compliance.equals("Compliant") ? "True" : compliance.equals("Pending") ? "Unknown" : "False");
        condition.put("type", "Ready");
        status.putNull("helmReleaseProperties");
        return status;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

package io.aksflux.emulator.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Flux on the cluster would report for a flux configuration: the GitRepository named after the
 * configuration and one Kustomization {@code <config>-<kustomization>} per kustomization. The source is
 * fetched when the configuration is written and again once a reconcile step has passed (so a push or a
 * removed path is noticed); each kustomization turns Compliant one step after its dependencies did, or
 * Non-Compliant with Flux's message, and its dependents stay Pending on it.
 */
public final class SimulatedFlux {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Instant NEVER = Instant.MAX;

    /** The last reconciliation of one configuration: when its timeline began and what each kustomization met. */
    private record Sync(Instant start, Instant fetchedAt, GitSource.Fetched source, Map<String, Optional<KustomizeCheck.Failure>> outcomes) {
        boolean sameResult(Sync other) {
            return Objects.equals(source.revision(), other.source.revision()) && Objects.equals(source.error(), other.source.error())
                    && outcomes.equals(other.outcomes);
        }
    }

    /** {@code properties} fields Flux fills in, ready to merge into a GET. */
    public record Report(ArrayNode statuses, String complianceState, String sourceSyncedCommitId, Instant sourceUpdatedAt) {
    }

    private final GitSource git;
    private final Duration step;
    private final ClusterObjects cluster;
    private final Map<String, Sync> syncs = new HashMap<>();

    public SimulatedFlux(GitSource git, Duration reconcileStep) {
        this(git, reconcileStep, ClusterObjects.EMPTY);
    }

    /** @param cluster the clusters' ConfigMaps and Secrets, read for substituteFrom and changed by what Flux applies */
    public SimulatedFlux(GitSource git, Duration reconcileStep, ClusterObjects cluster) {
        this.git = git;
        this.step = reconcileStep;
        this.cluster = cluster;
    }

    /** Fetches and checks the configuration as written; its objects start reconciling at {@code start}. */
    public void configure(String id, String name, JsonNode properties, Instant now, Instant start) {
        syncs.put(id, reconcile(id, name, properties, now, start));
    }

    public void forget(String id) {
        syncs.remove(id);
    }

    /** The report at {@code now}, fetching again first when a reconcile step has passed since the last fetch. */
    public Report report(String id, String name, JsonNode properties, Instant now) {
        Sync sync = syncs.get(id);
        if (sync == null || now.isBefore(sync.start())) {
            return new Report(JSON.arrayNode(), "Pending", "", null);
        }
        if (Duration.between(sync.fetchedAt(), now).compareTo(step) >= 0 && now.isAfter(sync.fetchedAt())) {
            Sync fresh = reconcile(id, name, properties, now, now);
            sync = fresh.sameResult(sync) ? new Sync(sync.start(), now, sync.source(), sync.outcomes()) : fresh;
            syncs.put(id, sync);
        }
        return render(name, properties, sync, now);
    }

    private Sync reconcile(String id, String name, JsonNode properties, Instant now, Instant start) {
        GitSource.Fetched source = fetch(properties);
        Map<String, Optional<KustomizeCheck.Failure>> outcomes = new LinkedHashMap<>();
        KustomizeCheck check = source.ok() ? new KustomizeCheck(source.tree(), "/tmp/" + name) : null;
        String clusterId = clusterOf(id);
        String namespace = properties.path("namespace").asText("default");
        JsonNode kustomizations = properties.path("kustomizations");
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
            }
        }
        Map<String, Optional<KustomizeCheck.Failure>> ordered = new LinkedHashMap<>();
        kustomizations.fieldNames().forEachRemaining(k -> ordered.put(k, outcomes.getOrDefault(k, Optional.empty())));
        return new Sync(start, now, source, ordered);
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

    private Report render(String name, JsonNode properties, Sync sync, Instant now) {
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
        for (Iterator<String> it = kustomizations.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            ObjectNode status = kustomization(name, namespace, k, kustomizations, sync, ready, now);
            statuses.add(status);
            states.add(status.path("complianceState").asText());
        }
        String compliance = states.contains("Non-Compliant") ? "Non-Compliant"
                : states.stream().allMatch("Compliant"::equals) ? "Compliant" : "Pending";
        return new Report(statuses, compliance, sourceOk ? sync.source().revision() : "", sync.fetchedAt());
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

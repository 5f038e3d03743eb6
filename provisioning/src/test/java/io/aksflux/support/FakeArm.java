package io.aksflux.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;
import io.aksflux.environment.Environment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory ARM for engine tests: stores what is PUT, answers GETs with the server fields real ARM adds
 * (provisioningState, nulls, statuses), and can inject conflicts, failures and slow convergence. Event Hub
 * authorization rules answer {@code listKeys}; {@code runCommand} runs the emulator's simulated kubectl against
 * in-memory cluster objects. The HTTP path itself is tested against the emulator.
 */
public final class FakeArm implements ArmGateway {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public record Request(String method, String id, JsonNode body) {
        @Override
        public String toString() {
            return method + " " + id.substring(id.lastIndexOf("/providers/") + 11);
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final Map<String, String> connectionStrings = new HashMap<>();
    private final io.aksflux.emulator.resources.SimulatedKubectl kubectl = new io.aksflux.emulator.resources.SimulatedKubectl();
    private int keyVersion;
    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();
    private final Map<String, String> providers = new HashMap<>();
    private final Map<String, String> blocked = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Map<String, Integer> pendingById = new HashMap<>();
    private java.util.function.Supplier<String> sourceHead;
    private java.util.function.Supplier<List<ObjectNode>> reported = List::of;
    private int conflictsLeft;
    private int lroPolls = 1;
    private int pendingGets;

    /** A cluster and registered providers for the environment, as a healthy subscription has them. */
    public static FakeArm healthy(Environment env) {
        FakeArm arm = new FakeArm();
        arm.providers.put("Microsoft.KubernetesConfiguration", "Registered");
        arm.providers.put("Microsoft.ContainerService", "Registered");
        arm.addCluster(env, "Succeeded", "Running", "SystemAssigned");
        return arm.rotateKey(env);
    }

    /** The environment's Event Hub authorization rule gets a new primary key (first call: the rule exists). */
    public FakeArm rotateKey(Environment env) {
        Environment.EventHub hub = env.notifications().eventHub();
        connectionStrings.put(io.aksflux.arm.ArmIds.eventHubAuthorizationRule(env), "Endpoint=sb://" + hub.namespace()
                + ".servicebus.windows.net/;SharedAccessKeyName=" + hub.authorizationRule() + ";SharedAccessKey=k3y-" + (++keyVersion)
                + "-" + java.util.UUID.randomUUID() + ";EntityPath=" + hub.name());
        return this;
    }

    public FakeArm withoutEventHub(Environment env) {
        connectionStrings.remove(io.aksflux.arm.ArmIds.eventHubAuthorizationRule(env));
        return this;
    }

    /** What listKeys returns now as {@code primaryConnectionString}. */
    public String connectionString(Environment env) {
        return connectionStrings.get(io.aksflux.arm.ArmIds.eventHubAuthorizationRule(env));
    }

    /** The clusters' simulated Kubernetes objects, e.g. to play a controller that owns a Secret. */
    public io.aksflux.emulator.resources.SimulatedKubectl kubernetes() {
        return kubectl;
    }

    /** A Secret that a runCommand {@code kubectl apply} put into the cluster. */
    public Optional<io.aksflux.emulator.resources.SimulatedKubectl.StoredSecret> clusterSecret(Environment env, String namespace, String name) {
        return kubectl.secret(env.azure().clusterId(), namespace, name);
    }

    /** The command of every runCommand, in order. */
    public List<String> clusterCommands() {
        return requests.stream().filter(FakeArm::isRunCommand).map(r -> r.body().path("command").asText()).toList();
    }

    /** Writes into the cluster: runCommands that run {@code kubectl apply} (a {@code kubectl get} only reads). */
    public List<Request> clusterWrites() {
        return requests.stream().filter(r -> isRunCommand(r) && r.body().path("command").asText().startsWith("kubectl apply")).toList();
    }

    public FakeArm addCluster(Environment env, String provisioningState, String powerState, String identity) {
        ObjectNode cluster = JSON.objectNode();
        cluster.putObject("identity").put("type", identity);
        ObjectNode p = cluster.putObject("properties");
        p.put("provisioningState", provisioningState);
        p.putObject("powerState").put("code", powerState);
        resources.put(env.azure().clusterId(), cluster);
        return this;
    }

    public FakeArm provider(String namespace, String state) {
        providers.put(namespace, state);
        return this;
    }

    public FakeArm conflicts(int count) {
        conflictsLeft = count;
        return this;
    }

    /** Objects stay Pending for this many GETs of the flux configuration after each PUT. */
    public FakeArm pendingFor(int gets) {
        pendingGets = gets;
        return this;
    }

    /** Flux fetches the source repository: the synced commit is its head on each GET (else a fixed commit). */
    public FakeArm syncing(java.util.function.Supplier<String> head) {
        sourceHead = head;
        return this;
    }

    /**
     * Flux also reports these objects (HelmReleases a Kustomization created, nested Kustomizations), asked for on each
     * GET of a flux configuration after its own kustomizations, so a test can move them through their states.
     */
    public FakeArm reports(java.util.function.Supplier<List<ObjectNode>> objects) {
        reported = objects;
        return this;
    }

    /** The kustomization never becomes ready (and blocks those that depend on it). */
    public FakeArm block(String kustomization, String message) {
        blocked.put(kustomization, message);
        return this;
    }

    /** PUTs of resources whose id ends with this name end Failed. */
    public FakeArm failing(String name, String message) {
        failing.add(name + "\u0000" + message);
        return this;
    }

    public FakeArm inFlight(String id, String provisioningState) {
        ObjectNode resource = resources.computeIfAbsent(id, i -> JSON.objectNode());
        resource.withObject("/properties").put("provisioningState", provisioningState);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Writes to ARM resources: PUT, DELETE and actions such as {@code register}. {@code listKeys} only reads, and
     * runCommand acts inside the cluster: see {@link #clusterWrites()}.
     */
    public List<Request> writes() {
        return requests.stream().filter(r -> !r.method().equals("GET") && !r.id().endsWith("/listKeys") && !isRunCommand(r)).toList();
    }

    private static boolean isRunCommand(Request request) {
        return isRunCommand(request.id());
    }

    public Optional<ObjectNode> resource(String id) {
        return Optional.ofNullable(resources.get(id));
    }

    @Override
    public Optional<JsonNode> get(String id, String apiVersion) {
        requests.add(new Request("GET", id, null));
        if (id.contains("/providers/Microsoft.") && !id.contains("/resourceGroups/")) {
            String namespace = id.substring(id.lastIndexOf('/') + 1);
            return Optional.of(JSON.objectNode().put("namespace", namespace).put("registrationState", providers.getOrDefault(namespace, "NotRegistered")));
        }
        String kubernetesConfiguration = "Microsoft.KubernetesConfiguration";
        if (id.contains("/providers/" + kubernetesConfiguration + "/")
                && !providers.getOrDefault(kubernetesConfiguration, "NotRegistered").equals("Registered")) {
            // as ARM answers a request under a provider the subscription is not registered for
            throw new ArmException(409, "MissingSubscriptionRegistration", "The subscription is not registered to use namespace '"
                    + kubernetesConfiguration + "'. See https://aka.ms/rps-not-found for how to register subscriptions.", null);
        }
        ObjectNode resource = resources.get(id);
        if (resource == null) {
            return Optional.empty();
        }
        if (id.contains("/fluxConfigurations/")) {
            refreshCompliance(id, resource);
        }
        return Optional.of(resource.deepCopy());
    }

    @Override
    public ArmOperation put(String id, String apiVersion, JsonNode body) {
        requests.add(new Request("PUT", id, body));
        if (conflictsLeft > 0) {
            conflictsLeft--;
            throw new ArmException(409, "OperationNotAllowed", "Another operation is in progress on the cluster", Duration.ZERO);
        }
        ObjectNode stored = (ObjectNode) body.deepCopy();
        ObjectNode p = stored.withObject("/properties");
        p.remove("configurationProtectedSettings"); // write-only: ARM keeps them but never returns them
        String failure = failureFor(id);
        p.put("provisioningState", failure == null ? "Succeeded" : "Failed");
        if (id.contains("/extensions/")) {
            p.put("currentVersion", "1.16.2");
            p.putNull("customLocationSettings");
            ArrayNode statuses = p.putArray("statuses");
            if (failure != null) {
                statuses.addObject().put("code", "InstallationFailed").put("level", "Error").put("message", failure);
            }
        } else {
            p.putArray("statuses");
            p.put("complianceState", "Pending");
            p.put("sourceSyncedCommitId", "main@sha1:0123456789abcdef");
            p.withObject("/kustomizations").fields().forEachRemaining(k -> {
                ObjectNode kustomization = (ObjectNode) k.getValue();
                kustomization.put("name", k.getKey());
                if (!kustomization.has("postBuild")) {
                    kustomization.putNull("postBuild");
                }
                if (!kustomization.has("retryIntervalInSeconds")) {
                    kustomization.putNull("retryIntervalInSeconds");
                }
            });
            pendingById.put(id, pendingGets);
        }
        stored.put("id", id).put("name", id.substring(id.lastIndexOf('/') + 1));
        stored.withObject("/systemData").put("createdBy", "aksflux-test");
        boolean created = !resources.containsKey(id) || !resources.get(id).has("id");
        resources.put(id, stored);
        int polls = lroPolls;
        String failed = failure;
        return new ArmOperation() {
            private int left = polls;

            @Override
            public OperationStatus poll() {
                if (left-- > 0) {
                    return new OperationStatus(State.IN_PROGRESS, "");
                }
                return failed == null ? new OperationStatus(State.SUCCEEDED, "") : new OperationStatus(State.FAILED, failed);
            }

            @Override
            public Optional<Duration> retryAfter() {
                return Optional.empty();
            }
        };
    }

    @Override
    public Optional<ArmOperation> delete(String id, String apiVersion, boolean force) {
        requests.add(new Request(force ? "DELETE(force)" : "DELETE", id, null));
        return resources.remove(id) == null ? Optional.empty() : Optional.of(ArmOperation.completed());
    }

    @Override
    public JsonNode post(String id, String apiVersion) {
        requests.add(new Request("POST", id, null));
        if (id.endsWith("/listKeys")) {
            String connectionString = connectionStrings.get(id.substring(0, id.length() - "/listKeys".length()));
            if (connectionString == null) {
                throw new ArmException(404, "ResourceNotFound", "The Resource '" + id.substring(id.indexOf("Microsoft.EventHub/"),
                        id.length() - "/listKeys".length()) + "' was not found.", null);
            }
            return JSON.objectNode().put("primaryConnectionString", connectionString).put("keyName", id.split("/")[12]);
        }
        if (id.endsWith("/register")) {
            String namespace = id.substring(0, id.length() - "/register".length());
            providers.put(namespace.substring(namespace.lastIndexOf('/') + 1), "Registered");
        }
        return JSON.objectNode();
    }

    /** runCommand: the simulated kubectl runs at once; the result arrives on the second poll, as AKS answers 202 first. */
    @Override
    public ArmOperation post(String id, String apiVersion, JsonNode body) {
        requests.add(new Request("POST", id, body));
        if (!isRunCommand(id)) {
            throw new ArmException(400, "InvalidResourceType", "FakeArm serves no POST with a body to " + id, null);
        }
        String clusterId = id.substring(0, id.length() - "/runCommand".length());
        var result = kubectl.run(clusterId, body.path("command").asText(),
                io.aksflux.emulator.resources.SimulatedKubectl.files(body.path("context").asText("")));
        ObjectNode done = JSON.objectNode();
        done.putObject("properties").put("provisioningState", "Succeeded").put("exitCode", result.exitCode()).put("logs", result.logs());
        return new ArmOperation() {
            private boolean polled;

            @Override
            public OperationStatus poll() {
                if (!polled) {
                    polled = true;
                    return new OperationStatus(State.IN_PROGRESS, "");
                }
                return new OperationStatus(State.SUCCEEDED, "", done);
            }

            @Override
            public Optional<Duration> retryAfter() {
                return Optional.empty();
            }
        };
    }

    private static boolean isRunCommand(String id) {
        return id.endsWith("/runCommand");
    }

    private String failureFor(String id) {
        for (String f : failing) {
            String[] parts = f.split("\u0000");
            if (id.endsWith("/" + parts[0])) {
                return parts[1];
            }
        }
        return null;
    }

    /** Flux's view: Pending for a while, then Compliant in dependency order unless blocked. */
    private void refreshCompliance(String id, ObjectNode resource) {
        ObjectNode p = resource.withObject("/properties");
        int pending = pendingById.getOrDefault(id, 0);
        pendingById.put(id, Math.max(0, pending - 1));
        String config = resource.path("name").asText();
        ArrayNode statuses = p.putArray("statuses");
        boolean allCompliant = pending == 0;
        boolean anyBlocked = false;
        Set<String> notReady = new HashSet<>();
        for (var it = p.withObject("/kustomizations").fields(); it.hasNext(); ) {
            var k = it.next();
            String name = k.getKey();
            String state;
            String message;
            List<String> deps = new ArrayList<>();
            k.getValue().path("dependsOn").forEach(d -> deps.add(d.asText()));
            String waitingOn = deps.stream().filter(notReady::contains).findFirst().orElse(null);
            if (blocked.containsKey(name)) {
                state = "Non-Compliant";
                message = blocked.get(name);
                anyBlocked = true;
            } else if (waitingOn != null) {
                state = "Pending";
                message = "dependency '" + config + "-" + waitingOn + "' is not ready";
            } else if (pending > 0) {
                state = "Pending";
                message = "reconciliation in progress";
            } else {
                state = "Compliant";
                message = "Applied revision: main@sha1:0123456789abcdef";
            }
            if (!state.equals("Compliant")) {
                notReady.add(name);
                allCompliant = false;
            }
            ObjectNode status = statuses.addObject().put("name", config + "-" + name).put("namespace", p.path("namespace").asText())
                    .put("kind", "Kustomization").put("complianceState", state);
            status.putArray("statusConditions").addObject().put("type", "Ready").put("message", message)
                    .put("status", state.equals("Compliant") ? "True" : state.equals("Pending") ? "Unknown" : "False");
        }
        reported.get().forEach(o -> statuses.add(o.deepCopy()));
        p.put("complianceState", anyBlocked ? "Non-Compliant" : allCompliant ? "Compliant" : "Pending");
        if (sourceHead != null) {
            p.put("sourceSyncedCommitId", "main@sha1:" + sourceHead.get());
        }
    }
}

package io.aksflux.emulator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.emulator.http.ArmError;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;
import io.aksflux.emulator.spec.ArmSpecs;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * AKS managed clusters as seeded by the test or command (aksflux never creates one): GET, and {@code runCommand}
 * as a long-running operation whose result appears at {@code commandResults/<id>} once the operation's
 * duration has passed. Commands run against the cluster's simulated Kubernetes objects ({@link SimulatedKubectl}),
 * with the files of the request's base64 zip {@code context}; a test may plug in its own runner instead.
 * Like AKS, a cluster with local accounts disabled refuses a command without {@code clusterToken}, and one with
 * {@code disableRunCommand} refuses every command; the request body is held to the published RunCommandRequest example.
 */
public final class ManagedClusters {
    public static final String TYPE = "Microsoft.ContainerService/managedClusters";
    static final String RUN_COMMAND_EXAMPLE = "containerservice/2024-10-01/examples/RunCommandRequest.json";
    /** What AKS answers a command without clusterToken on a cluster with local accounts disabled (its static-credential refusal). */
    public static final String LOCAL_ACCOUNTS_DISABLED = "Getting static credential is not allowed because this cluster is set to disable local accounts.";
    private static final ApiVersions API = ApiVersions.of(TYPE, "2024-05-01", "2024-07-01", "2024-08-01", "2024-09-01",
            "2024-10-01", "2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-09-01");

    /** What a command run on the cluster answers. */
    public record CommandResult(int exitCode, String logs) {
    }

    private record CommandRun(String id, Instant startedAt, Instant finishedAt, CommandResult result) {
    }

    private final EmulatorClock clock;
    private final Map<String, ClusterSpec> clusters = new HashMap<>();
    private final Map<String, CommandRun> commands = new HashMap<>();
    private final SimulatedKubectl kubectl;
    private final Set<String> runCommandFields;
    private BiFunction<String, String, CommandResult> runner; // null: the simulated kubectl answers

    public ManagedClusters(EmulatorClock clock) {
        this(clock, new SimulatedKubectl());
    }

    /** @param kubectl the clusters' Kubernetes objects, shared with simulated Flux */
    public ManagedClusters(EmulatorClock clock, SimulatedKubectl kubectl) {
        this(clock, kubectl, ArmSpecs.bundled());
    }

    /** @param specs where the published RunCommandRequest example comes from */
    public ManagedClusters(EmulatorClock clock, SimulatedKubectl kubectl, ArmSpecs specs) {
        this.clock = clock;
        this.kubectl = kubectl;
        Set<String> fields = new HashSet<>();
        specs.example(RUN_COMMAND_EXAMPLE).path("parameters").path("requestPayload").fieldNames().forEachRemaining(fields::add);
        this.runCommandFields = Set.copyOf(fields);
    }

    public void add(ClusterSpec cluster) {
        clusters.put(cluster.id().toLowerCase(Locale.ROOT), cluster);
    }

    /** {@code (clusterId, command) -> result}: lets a test decide what a command prints instead of the simulated kubectl. */
    public void runner(BiFunction<String, String, CommandResult> value) {
        runner = value;
    }

    /** A Secret in the cluster's simulated Kubernetes objects, as {@code kubectl apply} left it. */
    public Optional<SimulatedKubectl.StoredSecret> secret(String clusterId, String namespace, String name) {
        return kubectl.secret(clusterId, namespace, name);
    }

    public Optional<ClusterSpec> find(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId.toLowerCase(Locale.ROOT)));
    }

    public boolean hasResourceGroup(String subscriptionId, String resourceGroup) {
        return clusters.values().stream().anyMatch(c -> c.subscriptionId().equalsIgnoreCase(subscriptionId)
                && c.resourceGroup().equalsIgnoreCase(resourceGroup));
    }

    public ArmResponse get(ArmRequest request, String clusterId) {
        API.require(request);
        return ArmResponse.ok(view(require(clusterId)));
    }

    public ArmResponse runCommand(ArmRequest request, String clusterId) {
        API.require(request);
        ClusterSpec cluster = require(clusterId);
        JsonNode payload = request.json().orElse(JsonNodeFactory.instance.objectNode());
        payload.fieldNames().forEachRemaining(field -> {
            if (!runCommandFields.contains(field)) {
                throw ArmError.badRequest("InvalidParameter", "The request payload has a property '" + field
                        + "' that RunCommandRequest does not define; allowed: " + new java.util.TreeSet<>(runCommandFields) + ".");
            }
            if (!payload.get(field).isTextual() && !payload.get(field).isNull()) {
                throw ArmError.badRequest("InvalidParameter", "The value of parameter " + field + " is invalid: it must be a string.");
            }
        });
        String command = payload.path("command").asText("");
        if (command.isBlank()) {
            throw ArmError.badRequest("InvalidParameter", "The value of parameter command is invalid: it is required.");
        }
        if (cluster.access().runCommandDisabled()) {
            throw ArmError.badRequest("OperationNotAllowed", "Run command is disabled for managed cluster '" + cluster.name()
                    + "' (apiServerAccessProfile.disableRunCommand is true).");
        }
        if (cluster.access().localAccountsDisabled() && payload.path("clusterToken").asText("").isBlank()) {
            throw ArmError.badRequest("BadRequest", LOCAL_ACCOUNTS_DISABLED);
        }
        Map<String, String> files = files(request.json().map(b -> b.path("context").asText("")).orElse(""));
        Instant now = clock.now();
        CommandRun run = new CommandRun(UUID.randomUUID().toString().replace("-", ""), now, now.plus(clock.lroDuration()),
                runner != null ? runner.apply(cluster.id(), command) : kubectl.run(cluster.id(), command, files));
        commands.put(run.id(), run);
        return ArmResponse.of(202, null)
                .withHeader("Location", request.baseUrl() + cluster.id() + "/commandResults/" + run.id() + "?api-version=" + request.apiVersion())
                .withHeader("Retry-After", clock.retryAfterSeconds());
    }

    public ArmResponse commandResult(ArmRequest request, String clusterId, String commandId) {
        API.require(request);
        ClusterSpec cluster = require(clusterId);
        CommandRun run = Optional.ofNullable(commands.get(commandId))
                .orElseThrow(() -> NotFound.resource(TYPE + "/" + cluster.name() + "/commandResults/" + commandId, cluster.resourceGroup()));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", commandId);
        ObjectNode properties = body.putObject("properties");
        if (clock.now().isBefore(run.finishedAt())) {
            properties.put("provisioningState", "Running");
            return ArmResponse.of(202, body)
                    .withHeader("Location", request.baseUrl() + request.path() + "?api-version=" + request.apiVersion())
                    .withHeader("Retry-After", clock.retryAfterSeconds());
        }
        properties.put("provisioningState", "Succeeded");
        properties.put("exitCode", run.result().exitCode());
        properties.put("startedAt", run.startedAt().toString());
        properties.put("finishedAt", run.finishedAt().toString());
        properties.put("logs", run.result().logs());
        properties.putNull("reason");
        return ArmResponse.ok(body);
    }

    private static Map<String, String> files(String context) {
        try {
            return SimulatedKubectl.files(context);
        } catch (IllegalArgumentException e) {
            throw ArmError.badRequest("InvalidParameter", "The value of parameter context is invalid: it must be a base64-encoded zip file.");
        }
    }

    /** The cluster a nested resource lives under; 404 ParentResourceNotFound (or ResourceGroupNotFound) as ARM answers. */
    public ClusterSpec requireParent(String clusterId, String subscriptionId, String resourceGroup, boolean resourceGroupKnown) {
        return find(clusterId).orElseThrow(() -> resourceGroupKnown
                ? NotFound.parent(clusterId.substring(clusterId.lastIndexOf('/') + 1))
                : NotFound.resourceGroup(resourceGroup));
    }

    private ClusterSpec require(String clusterId) {
        return find(clusterId).orElseThrow(() -> {
            String[] parts = clusterId.split("/");
            return NotFound.resource(TYPE + "/" + parts[parts.length - 1], parts[4]);
        });
    }

    private static JsonNode view(ClusterSpec cluster) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", cluster.id());
        body.put("location", "westeurope");
        body.put("name", cluster.name());
        body.put("type", TYPE);
        if (cluster.identityType() != null && !cluster.identityType().equalsIgnoreCase("None")) {
            body.putObject("identity").put("type", cluster.identityType())
                    .put("principalId", stableUuid(cluster.id() + "/principal")).put("tenantId", stableUuid(cluster.subscriptionId() + "/tenant"));
        }
        body.putObject("sku").put("name", "Base").put("tier", "Standard");
        ObjectNode p = body.putObject("properties");
        p.put("provisioningState", cluster.provisioningState());
        p.putObject("powerState").put("code", cluster.powerState());
        p.put("kubernetesVersion", cluster.kubernetesVersion());
        p.put("currentKubernetesVersion", cluster.kubernetesVersion());
        p.put("dnsPrefix", cluster.name());
        p.put("fqdn", cluster.name().toLowerCase(Locale.ROOT) + "-dns.hcp.westeurope.azmk8s.io");
        p.put("nodeResourceGroup", "MC_" + cluster.resourceGroup() + "_" + cluster.name() + "_westeurope");
        p.put("enableRBAC", true);
        ClusterSpec.Access access = cluster.access();
        if (access.entraManaged()) {
            p.putObject("aadProfile").put("managed", true).putNull("adminGroupObjectIDs")
                    .put("enableAzureRBAC", access.azureRbac()).put("tenantID", stableUuid(cluster.subscriptionId() + "/tenant"));
        }
        p.put("disableLocalAccounts", access.localAccountsDisabled());
        ObjectNode apiServer = p.putObject("apiServerAccessProfile").put("enablePrivateCluster", access.privateCluster());
        if (access.privateCluster()) {
            apiServer.put("privateDNSZone", "system");
            p.put("privateFQDN", cluster.name().toLowerCase(Locale.ROOT) + "-priv.privatelink.westeurope.azmk8s.io");
        }
        apiServer.put("disableRunCommand", access.runCommandDisabled());
        p.putObject("oidcIssuerProfile").put("enabled", true);
        return body;
    }

    static String stableUuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}

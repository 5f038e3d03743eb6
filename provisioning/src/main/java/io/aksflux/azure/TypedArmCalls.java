package io.aksflux.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.rest.Response;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.implementation.ContainerServiceManagementClientBuilder;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.fluent.models.RunCommandResultInner;
import com.azure.resourcemanager.containerservice.models.RunCommandRequest;
import com.azure.resourcemanager.eventhubs.fluent.EventHubManagementClient;
import com.azure.resourcemanager.eventhubs.implementation.EventHubManagementClientBuilder;
import com.azure.resourcemanager.eventhubs.fluent.models.AccessKeysInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmOperation;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The calls the SDK's typed clients serve, over the gateway's own pipeline: managed cluster get, run command and its
 * command results ({@code azure-resourcemanager-containerservice}), and Event Hub rule {@code listKeys}
 * ({@code -eventhubs}). Run command is started with the raw 202 and its {@code commandResults} polled one call at
 * a time, so the engine keeps deciding when to poll (the SDK's own poller would sleep in real time).
 * Answers are handed to the engine as the JSON shapes ARM returns.
 */
final class TypedArmCalls {
    private final HttpPipeline pipeline;
    private final AzureEnvironment environment;
    private final Map<String, ContainerServiceManagementClient> clusters = new HashMap<>();
    private final Map<String, EventHubManagementClient> eventHubs = new HashMap<>();

    TypedArmCalls(HttpPipeline pipeline, String endpoint) {
        this.pipeline = pipeline;
        // the managers also wire graph/authorization clients that are never called here: they need the cloud's other endpoints
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint);
        this.environment = new AzureEnvironment(endpoints);
    }

    /** A managed cluster id ({@code …/Microsoft.ContainerService/managedClusters/NAME}), with an optional action after it. */
    record ClusterId(String subscription, String resourceGroup, String name, String action) {
        static Optional<ClusterId> parse(String id) {
            List<String> s = List.of((id.startsWith("/") ? id.substring(1) : id).split("/"));
            if ((s.size() == 8 || s.size() == 9) && s.get(0).equalsIgnoreCase("subscriptions") && s.get(2).equalsIgnoreCase("resourceGroups")
                    && s.get(5).equalsIgnoreCase("Microsoft.ContainerService") && s.get(6).equalsIgnoreCase("managedClusters")) {
                return Optional.of(new ClusterId(s.get(1), s.get(3), s.get(7), s.size() == 9 ? s.get(8) : ""));
            }
            return Optional.empty();
        }
    }

    /** {@code …/Microsoft.EventHub/namespaces/NS/eventhubs/HUB/authorizationRules/RULE/listKeys}. */
    record ListKeysId(String subscription, String resourceGroup, String namespace, String hub, String rule) {
        static Optional<ListKeysId> parse(String id) {
            List<String> s = List.of((id.startsWith("/") ? id.substring(1) : id).split("/"));
            if (s.size() == 13 && s.get(0).equalsIgnoreCase("subscriptions") && s.get(5).equalsIgnoreCase("Microsoft.EventHub")
                    && s.get(6).equalsIgnoreCase("namespaces") && s.get(8).equalsIgnoreCase("eventhubs")
                    && s.get(10).equalsIgnoreCase("authorizationRules") && s.get(12).equalsIgnoreCase("listKeys")) {
                return Optional.of(new ListKeysId(s.get(1), s.get(3), s.get(7), s.get(9), s.get(11)));
            }
            return Optional.empty();
        }
    }

    // The service clients alone, built as their managers build them: a manager (ContainerServiceManager.authenticate)
    // also wires a ResourceManager (resource, policy, feature and subscription clients) never called here, about 200
    // classes and a fifth of a one-shot command's start-up.
    private synchronized ManagedClustersClient clusters(String subscription) {
        return clusters.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), s -> new ContainerServiceManagementClientBuilder()
                .pipeline(pipeline).environment(environment).endpoint(environment.getResourceManagerEndpoint()).subscriptionId(subscription)
                .buildClient()).getManagedClusters();
    }

    private synchronized EventHubManagementClient eventHubs(String subscription) {
        return eventHubs.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), s -> new EventHubManagementClientBuilder()
                .pipeline(pipeline).environment(environment).endpoint(environment.getResourceManagerEndpoint()).subscriptionId(subscription)
                .buildClient());
    }

    /** What the engine reads of the cluster, in ARM's JSON shape, or empty on 404. */
    Optional<JsonNode> cluster(ClusterId id) {
        try {
            ManagedClusterInner cluster = clusters(id.subscription()).getByResourceGroupWithResponse(id.resourceGroup(), id.name(), Context.NONE).getValue();
            return Optional.of(clusterJson(cluster));
        } catch (ManagementException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw armError(e);
        }
    }

    /** The typed model's read-only fields are left out of its own serialization (it writes request bodies), so the view is built. */
    static JsonNode clusterJson(ManagedClusterInner cluster) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", cluster.id());
        body.put("name", cluster.name());
        if (cluster.identity() != null && cluster.identity().type() != null) {
            body.putObject("identity").put("type", cluster.identity().type().toString());
        }
        ObjectNode p = body.putObject("properties");
        p.put("provisioningState", cluster.provisioningState());
        if (cluster.powerState() != null && cluster.powerState().code() != null) {
            p.putObject("powerState").put("code", cluster.powerState().code().toString());
        }
        if (cluster.aadProfile() != null) {
            p.putObject("aadProfile").put("managed", Boolean.TRUE.equals(cluster.aadProfile().managed()))
                    .put("enableAzureRBAC", Boolean.TRUE.equals(cluster.aadProfile().enableAzureRbac()));
        }
        p.put("disableLocalAccounts", Boolean.TRUE.equals(cluster.disableLocalAccounts()));
        if (cluster.apiServerAccessProfile() != null) {
            p.putObject("apiServerAccessProfile")
                    .put("enablePrivateCluster", Boolean.TRUE.equals(cluster.apiServerAccessProfile().enablePrivateCluster()))
                    .put("disableRunCommand", Boolean.TRUE.equals(cluster.apiServerAccessProfile().disableRunCommand()));
        }
        return body;
    }

    /** Starts a command ({@code command}, {@code context}, {@code clusterToken} from the body); the result is polled by the caller. */
    ArmOperation runCommand(ClusterId id, JsonNode body) {
        RunCommandRequest request = new RunCommandRequest().withCommand(body.path("command").asText(null))
                .withContext(body.path("context").asText(null)).withClusterToken(body.path("clusterToken").asText(null));
        ManagedClustersClient client = clusters(id.subscription());
        Response<reactor.core.publisher.Flux<java.nio.ByteBuffer>> started;
        try {
            started = client.runCommandWithResponseAsync(id.resourceGroup(), id.name(), request).block();
            started.getValue().then().block(); // the 202 has no body to read; drain it so the connection is released
        } catch (ManagementException e) {
            throw armError(e);
        }
        Optional<Duration> retryAfter = retryAfter(started.getHeaders().getValue(HttpHeaderName.RETRY_AFTER));
        String location = started.getHeaders().getValue(HttpHeaderName.LOCATION);
        if (started.getStatusCode() != 202 || location == null) {
            return ArmOperation.completed(JsonNodeFactory.instance.objectNode());
        }
        String commandId = location.replaceAll("\\?.*", "").replaceAll(".*/commandResults/", "");
        return new ArmOperation() {
            private volatile Optional<Duration> latest = retryAfter;

            @Override
            public OperationStatus poll() {
                try {
                    var response = client.getCommandResultWithResponse(id.resourceGroup(), id.name(), commandId, Context.NONE);
                    latest = TypedArmCalls.retryAfter(response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER)); // each answer paces anew
                    RunCommandResultInner result = response.getValue();
                    if (response.getStatusCode() == 202 || result == null) {
                        return new OperationStatus(State.IN_PROGRESS, "");
                    }
                    return new OperationStatus(State.SUCCEEDED, "", resultJson(result));
                } catch (ManagementException e) {
                    throw armError(e);
                }
            }

            @Override
            public Optional<Duration> retryAfter() {
                return latest;
            }
        };
    }

    /** The rule's keys and connection strings, as {@code listKeys} returns them. */
    JsonNode listKeys(ListKeysId id) {
        try {
            AccessKeysInner keys = eventHubs(id.subscription()).getEventHubs()
                    .listKeysWithResponse(id.resourceGroup(), id.namespace(), id.hub(), id.rule(), Context.NONE).getValue();
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("primaryConnectionString", keys.primaryConnectionString());
            body.put("secondaryConnectionString", keys.secondaryConnectionString());
            body.put("primaryKey", keys.primaryKey());
            body.put("secondaryKey", keys.secondaryKey());
            body.put("keyName", keys.keyName());
            return body;
        } catch (ManagementException e) {
            throw armError(e);
        }
    }

    private static JsonNode resultJson(RunCommandResultInner result) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", result.id());
        ObjectNode properties = body.putObject("properties");
        properties.put("provisioningState", result.provisioningState());
        if (result.exitCode() != null) {
            properties.put("exitCode", result.exitCode());
        }
        properties.put("logs", result.logs());
        properties.put("reason", result.reason());
        return body;
    }

    /** The SDK's error as the engine's: status, ARM's code and message (never the request, which may hold a token). */
    private static ArmException armError(ManagementException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        String code = e.getValue() == null ? "" : String.valueOf(e.getValue().getCode());
        String message = e.getValue() == null ? "" : String.valueOf(e.getValue().getMessage());
        Duration retryAfter = e.getResponse() == null ? null
                : retryAfter(e.getResponse().getHeaders().getValue(HttpHeaderName.RETRY_AFTER)).orElse(null);
        return new ArmException(status, code, message, retryAfter);
    }

    private static Optional<Duration> retryAfter(String header) {
        try {
            return header == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package io.aksflux.emulator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.emulator.http.ArmError;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;
import io.aksflux.emulator.spec.ArmSpecs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lifecycle both Microsoft.KubernetesConfiguration kinds share: PUT checked against the published spec,
 * 201 on create and 200 on update with an {@code Azure-AsyncOperation} to poll, {@code Creating}/{@code Updating}
 * until the operation ends, 409 while another operation runs on the cluster, DELETE as 202 then gone (204 when
 * absent; {@code forceDelete=true} skips the wait for other operations). Subclasses say what GET adds.
 */
public abstract class KubernetesConfigurationResources {
    protected static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One stored resource: what was PUT (protected settings already dropped) and where its lifecycle is. */
    protected static final class Stored {
        final String id;
        final String name;
        final String clusterId;
        final Instant createdAt;
        ObjectNode properties;
        String provisioningState;
        AsyncOperations.Operation operation;
        boolean deleting;
        Instant modifiedAt;
        String error;
        /** The names of the protected settings last PUT (their values are never kept). */
        java.util.Set<String> protectedKeys = java.util.Set.of();

        Stored(String id, String name, String clusterId, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.clusterId = clusterId;
            this.createdAt = createdAt;
        }
    }

    protected final EmulatorClock clock;
    protected final AsyncOperations operations;
    private final ArmSpecs specs;
    private final String type;
    private final ApiVersions apiVersions;
    private final Map<String, Stored> resources = new LinkedHashMap<>();

    protected KubernetesConfigurationResources(String type, ArmSpecs specs, EmulatorClock clock, AsyncOperations operations) {
        this.type = type;
        this.specs = specs;
        this.clock = clock;
        this.operations = operations;
        this.apiVersions = new ApiVersions(type, specs.apiVersions(type));
    }

    /** GET, PUT or DELETE of {@code <clusterId>/providers/<type>/<name>}. */
    public ArmResponse handle(ArmRequest request, String clusterId, String name) {
        apiVersions.require(request);
        String id = clusterId + "/providers/" + type + "/" + name;
        return switch (request.method()) {
            case "GET" -> find(id).map(s -> ArmResponse.ok(view(s))).orElseThrow(() -> notFound(clusterId, name));
            case "PUT" -> put(request, id, clusterId, name);
            case "DELETE" -> delete(request, id, clusterId);
            default -> throw new ArmError(405, "MethodNotAllowed", "The requested method " + request.method() + " is not allowed on " + type + ".");
        };
    }

    /** GET of the operation status ({@code operations/<id>}) or result ({@code operationResults/<id>}). */
    public ArmResponse operation(ArmRequest request, String clusterId, String name, String operationId, boolean resultForm) {
        apiVersions.require(request);
        return operations.get(request, clusterId + "/providers/" + type + "/" + name, operationId, resultForm);
    }

    /** Ends the operations whose time is up: the resource becomes Succeeded or Failed, or is gone after a delete. */
    public void settle() {
        Instant now = clock.now();
        for (Iterator<Stored> it = resources.values().iterator(); it.hasNext(); ) {
            Stored stored = it.next();
            if (stored.operation == null || !stored.operation.finished(now) || isTerminal(stored.provisioningState)) {
                continue;
            }
            if (stored.deleting) {
                it.remove();
                removed(stored);
                continue;
            }
            stored.provisioningState = stored.operation.failed() ? "Failed" : "Succeeded";
            stored.error = stored.operation.errorMessage();
            settled(stored);
        }
    }

    /** The resource as GET returns it, if it exists. */
    public Optional<JsonNode> view(String id) {
        return find(id).map(this::view);
    }

    protected Optional<Stored> find(String id) {
        return Optional.ofNullable(resources.get(id.toLowerCase(Locale.ROOT)));
    }

    protected List<Stored> under(String clusterId) {
        String prefix = clusterId.toLowerCase(Locale.ROOT) + "/";
        List<Stored> found = new ArrayList<>();
        resources.forEach((key, stored) -> {
            if (key.startsWith(prefix)) {
                found.add(stored);
            }
        });
        return found;
    }

    private ArmResponse put(ArmRequest request, String id, String clusterId, String name) {
        JsonNode body = request.json().orElseThrow(() -> ArmError.badRequest("InvalidRequestContent",
                "The request content was invalid and could not be deserialized: the request body is empty."));
        List<String> problems = new ArrayList<>(specs.validatePut(type, request.apiVersion(), body));
        problems.addAll(missingRequired(body));
        if (!problems.isEmpty()) {
            throw ArmError.badRequest("InvalidRequestContent", "The request content was invalid: " + String.join("; ", problems));
        }
        Optional<Duration> busy = operations.inFlightUnder(clusterId);
        if (busy.isPresent()) {
            return ArmResponse.anotherOperationInProgress(busy.get());
        }
        Optional<Stored> existing = find(id);
        checkWrite(existing.map(s -> s.properties), body.path("properties"), clusterId);
        Instant now = clock.now();
        Stored stored = existing.orElseGet(() -> new Stored(id, name, clusterId, now));
        java.util.Set<String> protectedKeys = new java.util.HashSet<>();
        body.path("properties").path("configurationProtectedSettings").fieldNames().forEachRemaining(protectedKeys::add);
        stored.protectedKeys = java.util.Set.copyOf(protectedKeys);
        stored.properties = stripProtected((ObjectNode) body.path("properties").deepCopy());
        stored.modifiedAt = now;
        stored.deleting = false;
        stored.error = null;
        stored.provisioningState = existing.isPresent() ? "Updating" : "Creating";
        stored.operation = beginWrite(stored);
        resources.put(id.toLowerCase(Locale.ROOT), stored);
        written(stored);
        settle(); // a zero-length operation is already over
        return operations.accepted(request, existing.isPresent() ? 200 : 201, view(stored), stored.operation);
    }

    private ArmResponse delete(ArmRequest request, String id, String clusterId) {
        Optional<Stored> existing = find(id);
        if (existing.isEmpty()) {
            return ArmResponse.noContent();
        }
        Optional<Duration> busy = operations.inFlightUnder(clusterId);
        if (!request.flag("forceDelete") && busy.isPresent()) {
            return ArmResponse.anotherOperationInProgress(busy.get());
        }
        Stored stored = existing.get();
        stored.deleting = true;
        stored.provisioningState = "Deleting";
        stored.operation = operations.begin(stored.id);
        ArmResponse accepted = operations.accepted(request, 202, null, stored.operation);
        settle();
        return accepted;
    }

    private ObjectNode view(Stored stored) {
        ObjectNode body = JSON.objectNode();
        body.put("id", stored.id);
        body.put("name", stored.name);
        body.put("type", type);
        ObjectNode systemData = body.putObject("systemData");
        systemData.put("createdBy", "aksflux-emulator").put("createdByType", "Application").put("createdAt", stored.createdAt.toString());
        systemData.put("lastModifiedBy", "aksflux-emulator").put("lastModifiedByType", "Application").put("lastModifiedAt", stored.modifiedAt.toString());
        body.set("properties", properties(stored));
        return body;
    }

    private static boolean isTerminal(String state) {
        return state.equals("Succeeded") || state.equals("Failed") || state.equals("Canceled");
    }

    /** Protected settings are write-only: ARM keeps them but never returns their values. */
    private static ObjectNode stripProtected(ObjectNode properties) {
        properties.remove("configurationProtectedSettings");
        return properties;
    }

    /** {@code "properties.x is required"} for each required field the body lacks (the published spec marks none). */
    protected abstract List<String> missingRequired(JsonNode body);

    /** Refuses a write the provider refuses (immutable fields, a missing prerequisite); throws {@link ArmError}. */
    protected abstract void checkWrite(Optional<ObjectNode> before, JsonNode properties, String clusterId);

    /** The operation a write starts (subclasses may make it fail). */
    protected AsyncOperations.Operation beginWrite(Stored stored) {
        return operations.begin(stored.id);
    }

    /** Called after a write is stored, before its operation ends. */
    protected void written(Stored stored) {
    }

    /** Called once when a write's operation ends. */
    protected void settled(Stored stored) {
    }

    /** Called once a delete has finished. */
    protected void removed(Stored stored) {
    }

    /** {@code properties} as GET returns them: what was PUT, server defaults, read-only fields and nulls. */
    protected abstract ObjectNode properties(Stored stored);

    protected ArmError notFound(String clusterId, String name) {
        String[] parts = clusterId.split("/");
        return NotFound.resource(type + "/" + name, parts[4]);
    }

    /** Copies {@code source} and fills each absent key with its default (a JSON null when the default is null). */
    protected static ObjectNode withDefaults(JsonNode source, Map<String, Object> defaults) {
        ObjectNode out = source != null && source.isObject() ? ((ObjectNode) source).deepCopy() : JSON.objectNode();
        defaults.forEach((key, value) -> {
            if (!out.has(key)) {
                out.set(key, value == null ? JSON.nullNode() : value instanceof JsonNode node ? node : MAPPER.valueToTree(value));
            }
        });
        return out;
    }

    protected static List<String> requirePresent(JsonNode body, String... pointers) {
        List<String> missing = new ArrayList<>();
        for (String pointer : pointers) {
            JsonNode value = body.at(pointer);
            if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                missing.add("$" + pointer.replace('/', '.') + ": is required");
            }
        }
        return missing;
    }
}

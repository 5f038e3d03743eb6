package io.aksflux.emulator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.emulator.http.ArmError;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Long-running operations: each runs for the configured duration from when it began, then ends Succeeded or
 * Failed. Served at {@code <resource>/operations/<id>} (the {@code Azure-AsyncOperation} status resource) and
 * {@code <resource>/operationResults/<id>} (the {@code Location} form: 202 while running, 204 when done).
 */
public final class AsyncOperations {
    public record Operation(String id, String resourceId, Instant start, Instant end, String errorCode, String errorMessage) {
        public boolean finished(Instant now) {
            return !now.isBefore(end);
        }

        public boolean failed() {
            return errorCode != null;
        }

        public String status(Instant now) {
            return !finished(now) ? "Running" : failed() ? "Failed" : "Succeeded";
        }
    }

    private final EmulatorClock clock;
    private final java.util.function.BooleanSupplier stall;
    private final Map<String, Operation> operations = new HashMap<>();

    public AsyncOperations(EmulatorClock clock) {
        this(clock, () -> false);
    }

    /** @param stall asked as each operation begins: true when it is to stay in progress forever (a fault) */
    public AsyncOperations(EmulatorClock clock, java.util.function.BooleanSupplier stall) {
        this.clock = clock;
        this.stall = stall;
    }

    public Operation begin(String resourceId) {
        return begin(resourceId, null, null);
    }

    /** An operation that will end Failed with this error. */
    public Operation begin(String resourceId, String errorCode, String errorMessage) {
        return begin(resourceId, clock.lroDuration(), errorCode, errorMessage);
    }

    /** An operation of its own length (an extension's); ends Failed when {@code errorCode} is set. */
    public Operation begin(String resourceId, Duration length, String errorCode, String errorMessage) {
        Instant now = clock.now();
        Instant end = stall.getAsBoolean() ? Instant.MAX : now.plus(length);
        Operation operation = new Operation(UUID.randomUUID().toString(), resourceId, now, end, errorCode, errorMessage);
        operations.put(operation.id(), operation);
        return operation;
    }

    /**
     * How long until every operation still running on the cluster or anything under it has ended; empty when none
     * runs. ARM refuses writes meanwhile.
     */
    public Optional<Duration> inFlightUnder(String clusterId) {
        String prefix = clusterId.toLowerCase(Locale.ROOT) + "/";
        Instant now = clock.now();
        return operations.values().stream().filter(o -> !o.finished(now)
                        && (o.resourceId().toLowerCase(Locale.ROOT) + "/").startsWith(prefix))
                .map(o -> Duration.between(now, o.end())).max(Duration::compareTo);
    }

    /** The write's answer with the headers a client polls: {@code Azure-AsyncOperation}, and {@code Location} on 202. */
    public ArmResponse accepted(ArmRequest request, int status, JsonNode body, Operation operation) {
        String suffix = "?api-version=" + request.apiVersion();
        ArmResponse response = ArmResponse.of(status, body)
                .withHeader("Azure-AsyncOperation", request.baseUrl() + operation.resourceId() + "/operations/" + operation.id() + suffix)
                .withHeader("Retry-After", retryAfter(operation));
        return status == 202
                ? response.withHeader("Location", request.baseUrl() + operation.resourceId() + "/operationResults/" + operation.id() + suffix)
                : response;
    }

    /** GET of {@code <resourceId>/operations/<id>} or {@code .../operationResults/<id>}. */
    public ArmResponse get(ArmRequest request, String resourceId, String operationId, boolean resultForm) {
        Operation operation = Optional.ofNullable(operations.get(operationId))
                .filter(o -> o.resourceId().equalsIgnoreCase(resourceId))
                .orElseThrow(() -> new ArmError(404, "ResourceNotFound", "The operation '" + operationId + "' was not found for '" + resourceId + "'."));
        Instant now = clock.now();
        if (resultForm) {
            return operation.finished(now) ? ArmResponse.noContent() : ArmResponse.of(202, null)
                    .withHeader("Location", request.baseUrl() + request.path() + "?api-version=" + request.apiVersion())
                    .withHeader("Retry-After", retryAfter(operation));
        }
        return ArmResponse.ok(statusBody(operation, now));
    }

    /** The operation's own length (a stalled one's: the usual), as ARM suggests polls. */
    private String retryAfter(Operation operation) {
        return clock.retryAfterSeconds(operation.end().equals(Instant.MAX) ? clock.lroDuration() : Duration.between(operation.start(), operation.end()));
    }

    private static ObjectNode statusBody(Operation operation, Instant now) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", operation.resourceId() + "/operations/" + operation.id());
        body.put("name", operation.id());
        body.put("status", operation.status(now));
        body.put("startTime", operation.start().toString());
        if (operation.finished(now)) {
            body.put("endTime", operation.end().toString());
        }
        if (operation.finished(now) && operation.failed()) {
            body.putObject("error").put("code", operation.errorCode()).put("message", operation.errorMessage());
        } else {
            body.putNull("error");
        }
        body.putObject("properties");
        return body;
    }
}

package io.aksflux.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status, headers and JSON body of an answer; errors have ARM's {@code {"error": {"code", "message"}}} shape.
 * {@code dropped}: the client hears nothing, its connection is reset instead (the status says what the emulator did).
 */
public record ArmResponse(int status, Map<String, String> headers, JsonNode body, boolean dropped) {

    public ArmResponse(int status, Map<String, String> headers, JsonNode body) {
        this(status, headers, body, false);
    }

    public static ArmResponse of(int status, JsonNode body) {
        return new ArmResponse(status, Map.of(), body);
    }

    public static ArmResponse ok(JsonNode body) {
        return of(200, body);
    }

    public static ArmResponse noContent() {
        return of(204, null);
    }

    public static ArmResponse error(int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("code", code).put("message", message);
        return of(status, body);
    }

    /**
     * 409 while another operation holds the cluster, worded as ARM words it, with {@code Retry-After}: the whole
     * seconds until that operation ends (at least 1), so a client waits no longer than it must.
     */
    public static ArmResponse anotherOperationInProgress(Duration remaining) {
        long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
        return error(409, "OperationNotAllowed", "Operation is not allowed because another operation is in progress on the "
                + "cluster. Please wait for it to complete and retry.").withHeader("Retry-After", Long.toString(seconds));
    }

    public ArmResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ArmResponse(status, copy, body, dropped);
    }

    /** No answer at all: the connection is reset before anything is served ({@code status} 0: nothing was done). */
    public static ArmResponse connectionReset() {
        return new ArmResponse(0, Map.of(), null, true);
    }

    /** This answer, carried out, but never heard by the client: its connection is reset instead. */
    public ArmResponse lost() {
        return new ArmResponse(status, headers, body, true);
    }
}

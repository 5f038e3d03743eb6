package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One request the emulator answered, for tests that assert request sequences. {@code body} is null when none was sent.
 * {@code dropped}: its connection was reset instead of answered; {@code status} is then what the emulator did (0:
 * nothing, the request was not served; 201: the PUT was carried out and only its answer lost). {@code at} is when it
 * was answered, on the emulator's clock.
 */
public record RecordedRequest(String method, String path, String apiVersion, Map<String, String> query, JsonNode body, int status,
                              boolean dropped, java.time.Instant at) {
    public RecordedRequest(String method, String path, String apiVersion, Map<String, String> query, JsonNode body, int status) {
        this(method, path, apiVersion, query, body, status, false, null);
    }

    /** A write ARM carried out (2xx), whether or not the client heard the answer. */
    public boolean carriedOutWrite() {
        return isWrite() && status >= 200 && status < 300;
    }

    /**
     * Whether the request changes something in Azure or a cluster: PUT, DELETE and POST actions, except the POSTs that
     * only read ({@code listKeys}, and a {@code runCommand} that runs no {@code kubectl apply}).
     */
    public boolean isWrite() {
        if (method.equals("GET") || path.endsWith("/listKeys")) {
            return false;
        }
        return !path.endsWith("/runCommand") || command().startsWith("kubectl apply");
    }

    /** The command of a {@code runCommand} ("" for other requests). */
    public String command() {
        return body == null ? "" : body.path("command").asText("");
    }

    /** {@code "PUT /providers/… 201"}, a runCommand with its command: how tests list writes. */
    public String summary() {
        return method + " " + path.substring(Math.max(0, path.lastIndexOf("/providers/")))
                + (command().isEmpty() ? "" : " " + command()) + " " + status + (dropped ? " (connection reset)" : "");
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + (dropped ? " (connection reset)" : "");
    }
}

package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** One request the emulator answered, for tests that assert request sequences. {@code body} is null when none was sent. */
public record RecordedRequest(String method, String path, String apiVersion, Map<String, String> query, JsonNode body, int status) {
    @Override
    public String toString() {
        return method + " " + path + " -> " + status;
    }
}

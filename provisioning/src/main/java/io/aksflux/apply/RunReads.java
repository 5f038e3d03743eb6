package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One apply's ARM reads: every GET is sent and remembered, and {@link #latest} answers from it until this run writes
 * through ARM (a PUT, a DELETE, an action such as {@code register}), so the preflight's look at a resource serves the
 * plan, the repoint guard and converge's first look instead of reading the same resource four times. A run command
 * changes the cluster, not the ARM resources remembered here, and a {@code list…} action ({@code listKeys}) only
 * reads: neither forgets.
 */
final class RunReads implements ArmGateway {
    private final ArmGateway arm;
    private final Map<String, Optional<JsonNode>> read = new HashMap<>(); // lower-case id → its last answer

    RunReads(ArmGateway arm) {
        this.arm = arm;
    }

    @Override
    public Optional<JsonNode> get(String id, String apiVersion) {
        Optional<JsonNode> answer = arm.get(id, apiVersion);
        synchronized (read) {
            read.put(key(id, apiVersion), answer);
        }
        return answer;
    }

    @Override
    public Optional<JsonNode> latest(String id, String apiVersion) {
        synchronized (read) {
            Optional<JsonNode> known = read.get(key(id, apiVersion));
            if (known != null) {
                return known;
            }
        }
        return get(id, apiVersion);
    }

    @Override
    public ArmOperation put(String id, String apiVersion, JsonNode body) {
        forget();
        return arm.put(id, apiVersion, body);
    }

    @Override
    public Optional<ArmOperation> delete(String id, String apiVersion, boolean force) {
        forget();
        return arm.delete(id, apiVersion, force);
    }

    @Override
    public JsonNode post(String id, String apiVersion) {
        if (!id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).startsWith("list")) {
            forget();
        }
        return arm.post(id, apiVersion);
    }

    @Override
    public ArmOperation post(String id, String apiVersion, JsonNode body) {
        return arm.post(id, apiVersion, body);
    }

    @Override
    public Optional<String> clusterToken() {
        return arm.clusterToken();
    }

    private void forget() {
        synchronized (read) {
            read.clear();
        }
    }

    private static String key(String id, String apiVersion) {
        return (id + "?" + apiVersion).toLowerCase(Locale.ROOT);
    }
}

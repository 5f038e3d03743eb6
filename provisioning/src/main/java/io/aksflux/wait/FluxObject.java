package io.aksflux.wait;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a flux configuration's {@code statuses} as the published API shapes it (ObjectStatusDefinition):
 * kind, name, namespace, compliance, the Ready condition and, for a HelmRelease, its failure counts. Messages come
 * as Flux wrote them; the API's examples wrap them in single quotes, which are taken off.
 */
public record FluxObject(String kind, String name, String namespace, String complianceState, Optional<Ready> ready,
                         int failureCount, int installFailureCount, int upgradeFailureCount) {

    /** The object's {@code Ready} condition. */
    public record Ready(boolean status, String reason, String message) {
    }

    /** Every object the configuration reports, in its order. */
    public static List<FluxObject> of(JsonNode fluxConfiguration) {
        List<FluxObject> objects = new ArrayList<>();
        for (JsonNode s : fluxConfiguration.path("properties").path("statuses")) {
            JsonNode helm = s.path("helmReleaseProperties");
            objects.add(new FluxObject(text(s, "kind"), text(s, "name"), text(s, "namespace"), text(s, "complianceState"),
                    ready(s), count(helm, "failureCount"), count(helm, "installFailureCount"), count(helm, "upgradeFailureCount")));
        }
        return objects;
    }

    /** Install, upgrade and other failures together: any rise since the wait began is a failure of this rollout. */
    public int failures() {
        return failureCount + installFailureCount + upgradeFailureCount;
    }

    private static Optional<Ready> ready(JsonNode status) {
        for (JsonNode c : status.path("statusConditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return Optional.of(new Ready("True".equalsIgnoreCase(c.path("status").asText()), text(c, "reason"), unquoted(text(c, "message"))));
            }
        }
        return Optional.empty();
    }

    private static String unquoted(String message) {
        return message.length() >= 2 && message.startsWith("'") && message.endsWith("'") ? message.substring(1, message.length() - 1) : message;
    }

    private static int count(JsonNode helm, String field) {
        return helm.path(field).isNumber() ? helm.path(field).asInt() : 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "" : value.asText("");
    }
}

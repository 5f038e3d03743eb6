package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What ARM says about an extension or flux configuration on GET: provisioning, compliance and the status of
 * every object Flux manages. Read from the typed fields of the published API; unknown fields are ignored.
 * {@code repositoryPublicKey}: the public key of the SSH key pair the cluster generated for an SSH source given no
 * key (add it to the repository as a deploy key); empty otherwise.
 */
public record ResourceState(String provisioningState, String complianceState, String version, String sourceCommit,
                            String error, List<ObjectStatus> statuses, String repositoryPublicKey) {

    /** One object Flux reports on ({@code Kustomization flux-config-infra}) with its latest condition message. */
    public record ObjectStatus(String kind, String name, String namespace, String complianceState, String message) {
        public boolean compliant() {
            return "Compliant".equalsIgnoreCase(complianceState);
        }
    }

    public static ResourceState of(JsonNode resource) {
        JsonNode p = resource.path("properties");
        List<ObjectStatus> statuses = new ArrayList<>();
        for (JsonNode s : p.path("statuses")) {
            if (s.has("complianceState") || s.has("kind")) {
                statuses.add(new ObjectStatus(text(s, "kind"), text(s, "name"), text(s, "namespace"), text(s, "complianceState"),
                        conditionMessage(s)));
            }
        }
        String error = firstNonEmpty(text(p, "errorMessage"), p.path("errorInfo").path("message").asText(""),
                extensionStatusErrors(p));
        String version = firstNonEmpty(text(p, "currentVersion"), text(p, "version"));
        return new ResourceState(text(p, "provisioningState"), text(p, "complianceState"), version,
                text(p, "sourceSyncedCommitId"), error, statuses, text(p, "repositoryPublicKey"));
    }

    public boolean inFlight() {
        String state = provisioningState.toLowerCase(Locale.ROOT);
        return state.equals("creating") || state.equals("updating") || state.equals("deleting") || state.equals("accepted")
                || state.equals("running") || state.equals("provisioning");
    }

    public boolean failed() {
        return provisioningState.equalsIgnoreCase("Failed") || provisioningState.equalsIgnoreCase("Canceled");
    }

    /** Compliant configuration whose every object is compliant too. */
    public boolean converged() {
        return "Compliant".equalsIgnoreCase(complianceState) && statuses.stream().allMatch(ObjectStatus::compliant);
    }

    private static String conditionMessage(JsonNode status) {
        for (JsonNode condition : status.path("statusConditions")) {
            String message = condition.path("message").asText("");
            if (!message.isEmpty()) {
                return message;
            }
        }
        return "";
    }

    /** Extensions report install errors as statuses with level Error. */
    private static String extensionStatusErrors(JsonNode properties) {
        List<String> messages = new ArrayList<>();
        for (JsonNode s : properties.path("statuses")) {
            if ("Error".equalsIgnoreCase(s.path("level").asText()) && !s.path("message").asText("").isEmpty()) {
                messages.add(s.path("message").asText());
            }
        }
        return String.join("; ", messages);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "" : value.asText("");
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}

package io.aksflux.emulator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.emulator.http.ArmError;
import io.aksflux.emulator.spec.ArmSpecs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cluster extensions ({@code Microsoft.KubernetesConfiguration/extensions}). GET adds what the extension
 * manager reports: {@code currentVersion}, {@code statuses}, {@code aksAssignedIdentity} and the read-only nulls.
 * An armed failure ends the next install Failed with an Error status carrying its message, as a failed Helm
 * install does.
 */
public final class Extensions extends KubernetesConfigurationResources {
    public static final String TYPE = "Microsoft.KubernetesConfiguration/extensions";
    /** What {@code microsoft.flux} on the Stable train installs when no version is pinned. */
    static final String FLUX_VERSION = "1.17.3";

    private final Supplier<Optional<String>> nextFailure;

    public Extensions(ArmSpecs specs, EmulatorClock clock, AsyncOperations operations, Supplier<Optional<String>> nextFailure) {
        super(TYPE, specs, clock, operations);
        this.nextFailure = nextFailure;
    }

    /** Whether a {@code microsoft.flux} extension is installed (Succeeded) on the cluster. */
    public boolean fluxInstalled(String clusterId) {
        return under(clusterId).stream().anyMatch(s -> !s.deleting && "Succeeded".equals(s.provisioningState)
                && "microsoft.flux".equalsIgnoreCase(s.properties.path("extensionType").asText()));
    }

    @Override
    protected List<String> missingRequired(JsonNode body) {
        return requirePresent(body, "/properties/extensionType");
    }

    @Override
    protected void checkWrite(Optional<ObjectNode> before, JsonNode properties, String clusterId) {
        before.ifPresent(b -> {
            String was = b.path("extensionType").asText();
            if (!was.equalsIgnoreCase(properties.path("extensionType").asText())) {
                throw ArmError.badRequest("InvalidParameter", "The extensionType of an existing extension cannot be changed (it is '"
                        + was + "'); delete the extension and create it again.");
            }
        });
    }

    @Override
    protected AsyncOperations.Operation beginWrite(Stored stored) {
        Optional<String> failure = nextFailure.get();
        return operations.begin(stored.id, clock.extensionLroDuration(), failure.map(m -> "ExtensionOperationFailed").orElse(null),
                failure.orElse(null));
    }

    @Override
    protected ObjectNode properties(Stored stored) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("autoUpgradeMinorVersion", true);
        defaults.put("releaseTrain", "Stable");
        defaults.put("version", null);
        defaults.put("configurationSettings", JSON.objectNode());
        ObjectNode p = withDefaults(stored.properties, defaults);
        if (!p.has("scope")) {
            p.putObject("scope").putObject("cluster").put("releaseNamespace",
                    "microsoft.flux".equalsIgnoreCase(p.path("extensionType").asText()) ? "flux-system" : stored.name);
        }
        p.putObject("configurationProtectedSettings");
        p.put("provisioningState", stored.provisioningState);
        JsonNode pinned = p.get("version");
        p.put("currentVersion", pinned != null && !pinned.isNull() ? pinned.asText() : FLUX_VERSION);
        var statuses = p.putArray("statuses");
        if ("Failed".equals(stored.provisioningState)) {
            statuses.addObject().put("code", "InstallationFailed").putNull("displayStatus").put("level", "Error")
                    .put("message", stored.error).put("time", stored.operation.end().toString());
            p.putObject("errorInfo").put("code", "ExtensionOperationFailed").put("message", stored.error);
        } else {
            p.putNull("errorInfo");
        }
        p.putNull("customLocationSettings");
        p.putNull("packageUri");
        p.putObject("aksAssignedIdentity").put("principalId", ManagedClusters.stableUuid(stored.id + "/principal"))
                .put("tenantId", ManagedClusters.stableUuid(stored.clusterId + "/tenant")).put("type", "SystemAssigned");
        p.put("isSystemExtension", false);
        return p;
    }
}

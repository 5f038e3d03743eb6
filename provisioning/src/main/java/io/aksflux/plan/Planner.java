package io.aksflux.plan;

import io.aksflux.change.Change;
import io.aksflux.change.Action;
import io.aksflux.change.ArmDiff;
import io.aksflux.desired.ArmResource;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares one ARM resource's desired body with its actual state. The plan as a whole is the engine's step list run
 * with writes off (the Provisioner's plan); this is the comparison its ARM steps make.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * One ARM resource: create when absent, update with its field changes when they differ, else none. Protected
     * settings cannot be compared (ARM never returns them): they count as changed only when asked to re-send them.
     */
    public static Change.Arm arm(ArmResource resource, ActualState actual, boolean resendProtectedSettings) {
        return arm(resource, actual.armResource(resource.id(), resource.apiVersion()), actual, resendProtectedSettings);
    }

    /**
     * The same for a resource already read ({@code existing}). A resource whose last operation ended Failed or Canceled
     * differs even when its body matches: ARM tries the operation again only when it is sent again, so its
     * {@code provisioningState} is listed as the change ({@code "Failed" -> "Succeeded"}).
     */
    public static Change.Arm arm(ArmResource resource, java.util.Optional<com.fasterxml.jackson.databind.JsonNode> existing,
                                 ActualState actual, boolean resendProtectedSettings) {
        if (existing.isEmpty()) {
            return new Change.Arm(Action.CREATE, resource.type(), resource.id(), resource.apiVersion(), resource.shownBody(), List.of());
        }
        List<ArmDiff.FieldChange> diff = new ArrayList<>(actual.armDiff(resource.body(), existing.get()));
        String state = existing.get().path("properties").path("provisioningState").asText("");
        if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled")) {
            diff.add(new ArmDiff.FieldChange("properties.provisioningState", com.fasterxml.jackson.databind.node.TextNode.valueOf(state),
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("Succeeded")));
        }
        if (resendProtectedSettings) {
            diff.addAll(ArmDiff.resent(resource.protectedSettings()));
        }
        return new Change.Arm(diff.isEmpty() ? Action.NONE : Action.UPDATE, resource.type(), resource.id(),
                resource.apiVersion(), resource.shownBody(), diff);
    }
}

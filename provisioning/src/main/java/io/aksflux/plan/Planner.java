package io.aksflux.plan;

import com.fasterxml.jackson.databind.node.TextNode;
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
     * One ARM resource: create when absent, update with its field changes when they differ or when its last operation
     * ended Failed or Canceled ({@code properties.provisioningState: "Failed" -> "Succeeded"}), else none. Protected
     * settings cannot be compared (ARM never returns them): they count as changed only when asked to re-send them.
     */
    public static Change.Arm arm(ArmResource resource, ActualState actual, boolean resendProtectedSettings) {
        var existing = actual.armResource(resource.id(), resource.apiVersion());
        if (existing.isEmpty()) {
            return new Change.Arm(Action.CREATE, resource.type(), resource.id(), resource.apiVersion(), resource.shownBody(), List.of());
        }
        List<ArmDiff.FieldChange> diff = new ArrayList<>(actual.armDiff(resource.body(), existing.get()));
        // ARM tries a failed operation again only when the resource is sent again: a body as desired is no reason to stop
        String state = existing.get().path("properties").path("provisioningState").asText("");
        if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled")) {
            diff.add(new ArmDiff.FieldChange("properties.provisioningState", TextNode.valueOf(state), TextNode.valueOf("Succeeded")));
        }
        if (resendProtectedSettings) {
            diff.addAll(ArmDiff.resent(resource.protectedSettings()));
        }
        return new Change.Arm(diff.isEmpty() ? Action.NONE : Action.UPDATE, resource.type(), resource.id(),
                resource.apiVersion(), resource.shownBody(), diff);
    }
}

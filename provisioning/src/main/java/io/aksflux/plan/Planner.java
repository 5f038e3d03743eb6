package io.aksflux.plan;

import io.aksflux.change.Plan;
import io.aksflux.change.Change;
import io.aksflux.change.Action;
import io.aksflux.change.ArmDiff;
import io.aksflux.desired.ArmResource;
import io.aksflux.desired.ClusterObject;
import io.aksflux.desired.DesiredState;
import io.aksflux.template.RenderedFile;

import java.util.ArrayList;
import java.util.List;

/** Compares desired state with actual state, target by target, in the order apply would act. */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(String environment, DesiredState desired, ActualState actual) {
        return plan(environment, desired, actual, false);
    }

    /** @param resendProtectedSettings list protected settings as changed, so apply sends them again */
    public static Plan plan(String environment, DesiredState desired, ActualState actual, boolean resendProtectedSettings) {
        List<Change> changes = new ArrayList<>();
        for (RenderedFile file : actual.reads("git") ? desired.files() : List.<RenderedFile>of()) {
            changes.add(io.aksflux.seed.FileDiff.of(file, actual.repositoryFile(file.repo(), file.path())));
        }
        for (ClusterObject object : actual.reads("cluster") ? desired.clusterObjects() : List.<ClusterObject>of()) {
            changes.add(new Change.Cluster(actual.clusterObject(object), object.kind(), object.namespace(), object.name()));
        }
        for (ArmResource resource : actual.reads("arm") ? desired.arm() : List.<ArmResource>of()) {
            changes.add(arm(resource, actual, resendProtectedSettings));
        }
        return new Plan(environment, changes);
    }

    /**
     * One ARM resource: create when absent, update with its field changes when they differ, else none. Protected
     * settings cannot be compared (ARM never returns them): they count as changed only when asked to re-send them.
     */
    public static Change.Arm arm(ArmResource resource, ActualState actual, boolean resendProtectedSettings) {
        var existing = actual.armResource(resource.id(), resource.apiVersion());
        if (existing.isEmpty()) {
            return new Change.Arm(Action.CREATE, resource.type(), resource.id(), resource.apiVersion(), resource.shownBody(), List.of());
        }
        List<ArmDiff.FieldChange> diff = new ArrayList<>(actual.armDiff(resource.body(), existing.get()));
        if (resendProtectedSettings) {
            diff.addAll(ArmDiff.resent(resource.protectedSettings()));
        }
        return new Change.Arm(diff.isEmpty() ? Action.NONE : Action.UPDATE, resource.type(), resource.id(),
                resource.apiVersion(), resource.shownBody(), diff);
    }
}

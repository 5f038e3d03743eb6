package io.aksflux.plan;

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
        List<Change> changes = new ArrayList<>();
        for (RenderedFile file : actual.reads("git") ? desired.files() : List.<RenderedFile>of()) {
            changes.add(io.aksflux.git.FileDiff.of(file, actual.repositoryFile(file.repo(), file.path())));
        }
        for (ClusterObject object : actual.reads("cluster") ? desired.clusterObjects() : List.<ClusterObject>of()) {
            Action action = actual.clusterObjectExists(object) ? Action.NONE : Action.CREATE;
            changes.add(new Change.Cluster(action, object.kind(), object.namespace(), object.name()));
        }
        for (ArmResource resource : actual.reads("arm") ? desired.arm() : List.<ArmResource>of()) {
            changes.add(arm(resource, actual));
        }
        return new Plan(environment, changes);
    }

    /** One ARM resource: create when absent, update with its field changes when they differ, else none. */
    public static Change.Arm arm(ArmResource resource, ActualState actual) {
        var existing = actual.armResource(resource.id(), resource.apiVersion());
        if (existing.isEmpty()) {
            return new Change.Arm(Action.CREATE, resource.type(), resource.id(), resource.apiVersion(), resource.body(), List.of());
        }
        var diff = actual.armDiff(resource.body(), existing.get());
        return new Change.Arm(diff.isEmpty() ? Action.NONE : Action.UPDATE, resource.type(), resource.id(),
                resource.apiVersion(), resource.body(), diff);
    }
}

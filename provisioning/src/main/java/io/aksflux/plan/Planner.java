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
        for (RenderedFile file : desired.files()) {
            Action action = actual.repositoryFile(file.repo(), file.path())
                    .map(existing -> existing.equals(file.content()) ? Action.NONE : Action.UPDATE)
                    .orElse(Action.CREATE);
            changes.add(new Change.Git(action, file.repo(), file.path(), file.content()));
        }
        for (ClusterObject object : desired.clusterObjects()) {
            Action action = actual.clusterObjectExists(object) ? Action.NONE : Action.CREATE;
            changes.add(new Change.Cluster(action, object.kind(), object.namespace(), object.name()));
        }
        for (ArmResource resource : desired.arm()) {
            Action action = actual.armResource(resource.id(), resource.apiVersion())
                    .map(existing -> existing.equals(resource.body()) ? Action.NONE : Action.UPDATE)
                    .orElse(Action.CREATE);
            changes.add(new Change.Arm(action, resource.type(), resource.id(), resource.apiVersion(), resource.body()));
        }
        return new Plan(environment, changes);
    }
}

package io.aksflux.plan;

import io.aksflux.change.Action;
import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.desired.ClusterObject;

import java.util.Optional;

/** Reads what exists today. The offline plan uses {@link #NOTHING}: as if nothing existed yet. */
public interface ActualState {

    /** Whether this state can read a target ({@code arm}, {@code git}, {@code cluster}); the plan leaves out the rest. */
    default boolean reads(String target) {
        return true;
    }

    /** Field changes between a desired ARM body and the actual one; empty means nothing to do. */
    default java.util.List<io.aksflux.change.ArmDiff.FieldChange> armDiff(com.fasterxml.jackson.databind.JsonNode desired,
                                                                       com.fasterxml.jackson.databind.JsonNode actual) {
        return io.aksflux.change.ArmDiff.diff(desired, actual);
    }

    Optional<JsonNode> armResource(String id, String apiVersion);

    Optional<String> repositoryFile(String repo, String path);

    /**
     * What applying a cluster object would do: create when missing, update when its data differs, else none. The
     * state compares (not the planner), because the data is a secret that never leaves the engine's unit.
     */
    Action clusterObject(ClusterObject object);

    ActualState NOTHING = new ActualState() {
        @Override
        public Optional<JsonNode> armResource(String id, String apiVersion) {
            return Optional.empty();
        }

        @Override
        public Optional<String> repositoryFile(String repo, String path) {
            return Optional.empty();
        }

        @Override
        public Action clusterObject(ClusterObject object) {
            return Action.CREATE;
        }
    };
}

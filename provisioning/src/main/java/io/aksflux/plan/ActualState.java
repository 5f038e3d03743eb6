package io.aksflux.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.desired.ClusterObject;

import java.util.Optional;

/** Reads what exists today. The offline plan uses {@link #NOTHING}: as if nothing existed yet. */
public interface ActualState {

    Optional<JsonNode> armResource(String id, String apiVersion);

    Optional<String> repositoryFile(String repo, String path);

    boolean clusterObjectExists(ClusterObject object);

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
        public boolean clusterObjectExists(ClusterObject object) {
            return false;
        }
    };
}

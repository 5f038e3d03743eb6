package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmGateway;
import io.aksflux.desired.ClusterObject;
import io.aksflux.plan.ActualState;

import java.util.Optional;

/** Actual state read from Azure. Git and cluster objects are read by their own units once those exist. */
public final class OnlineState implements ActualState {
    private final ArmGateway arm;

    public OnlineState(ArmGateway arm) {
        this.arm = arm;
    }

    @Override
    public boolean reads(String target) {
        return target.equals("arm");
    }

    @Override
    public Optional<JsonNode> armResource(String id, String apiVersion) {
        return arm.get(id, apiVersion);
    }

    @Override
    public Optional<String> repositoryFile(String repo, String path) {
        return Optional.empty();
    }

    @Override
    public boolean clusterObjectExists(ClusterObject object) {
        return false;
    }
}

package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmGateway;
import io.aksflux.desired.ClusterObject;
import io.aksflux.git.GitSnapshot;
import io.aksflux.plan.ActualState;

import java.util.Optional;

/** Actual state read from Azure and the Git repositories (read only). Cluster objects arrive with their own unit. */
public final class OnlineState implements ActualState {
    private final ArmGateway arm;
    private final GitSnapshot git;

    /** ARM only: what a single ARM unit of apply needs. */
    public OnlineState(ArmGateway arm) {
        this(arm, null);
    }

    public OnlineState(ArmGateway arm, GitSnapshot git) {
        this.arm = arm;
        this.git = git;
    }

    @Override
    public boolean reads(String target) {
        return target.equals("arm") || target.equals("git") && git != null;
    }

    @Override
    public Optional<JsonNode> armResource(String id, String apiVersion) {
        return arm.get(id, apiVersion);
    }

    @Override
    public Optional<String> repositoryFile(String repo, String path) {
        return git == null ? Optional.empty() : git.read(repo, path);
    }

    @Override
    public boolean clusterObjectExists(ClusterObject object) {
        return false;
    }
}

package io.aksflux.apply;

import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmGateway;
import io.aksflux.desired.ClusterObject;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitSnapshot;
import io.aksflux.change.Action;
import io.aksflux.plan.ActualState;
import io.aksflux.secret.SecretResolver;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Actual state read from Azure, the Git repositories and the cluster (read only). */
public final class OnlineState implements ActualState {
    private final ArmGateway arm;
    private final GitSnapshot git;
    private final Function<ClusterObject, Action> cluster;
    private final boolean latest;

    /** ARM only: what an ARM step reads again after a 409 before it repeats its PUT. */
    public OnlineState(ArmGateway arm) {
        this(arm, null);
    }

    /** ARM and Git; cluster objects are left out of the plan. */
    public OnlineState(ArmGateway arm, GitSnapshot git) {
        this(arm, git, null);
    }

    private OnlineState(ArmGateway arm, GitSnapshot git, Function<ClusterObject, Action> cluster) {
        this(arm, git, cluster, false);
    }

    private OnlineState(ArmGateway arm, GitSnapshot git, Function<ClusterObject, Action> cluster, boolean latest) {
        this.latest = latest;
        this.arm = arm;
        this.git = git;
        this.cluster = cluster;
    }

    /**
     * ARM, Git and the environment's cluster: the notification secret is compared through runCommand, with the
     * desired value read (listKeys or its reference) only when the secret exists.
     */
    public static OnlineState of(Environment env, ArmGateway arm, GitSnapshot git, SecretResolver secrets, Pacing pacing) {
        Supplier<String> address = NotificationAddress.reader(env, arm, secrets);
        AksRunCommand commands = new AksRunCommand(new ArmWriter(arm, pacing, Progress.SILENT));
        return new OnlineState(arm, git, object -> new NotificationSecret(env.azure().clusterId(), object, commands, address,
                Progress.SILENT).plan().action());
    }

    /**
     * What apply reads ahead of its steps: ARM (as the run last read it, {@link ArmGateway#latest}) and the cluster's
     * objects, compared by {@code cluster}; not Git.
     */
    static OnlineState applying(ArmGateway arm, Function<ClusterObject, Action> cluster) {
        return new OnlineState(arm, null, cluster, true);
    }

    @Override
    public boolean reads(String target) {
        return target.equals("arm") || target.equals("git") && git != null || target.equals("cluster") && cluster != null;
    }

    @Override
    public Optional<JsonNode> armResource(String id, String apiVersion) {
        return latest ? arm.latest(id, apiVersion) : arm.get(id, apiVersion);
    }

    @Override
    public Optional<String> repositoryFile(String repo, String path) {
        return git == null ? Optional.empty() : git.read(repo, path);
    }

    @Override
    public Action clusterObject(ClusterObject object) {
        return cluster == null ? Action.CREATE : cluster.apply(object);
    }
}

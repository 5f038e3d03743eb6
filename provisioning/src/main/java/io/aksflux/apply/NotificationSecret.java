package io.aksflux.apply;

import io.aksflux.base.Progress;
import io.aksflux.cluster.ClusterCommands;
import io.aksflux.desired.ClusterObject;
import io.aksflux.desired.NotificationSecretManifest;
import io.aksflux.change.Action;
import io.aksflux.change.Change;

import io.aksflux.plan.ActualState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Secret the notification Provider reads, put into the cluster through {@link ClusterCommands}
 * ({@code notifications.delivery: secret}): reads the cluster's copy's metadata, refuses a Secret another controller
 * owns, compares the digest annotation with the desired value's digest and applies the manifest only when they
 * differ or the secret is missing. The apply is server-side (field manager {@code aksflux}), so no
 * {@code last-applied-configuration} annotation copies the value. The value travels only in the command's files, never
 * in its text, progress, results or messages.
 */
final class NotificationSecret implements Step {
    static final String FILE = "notification-secret.yaml";
    static final String APPLY = "kubectl apply --server-side --field-manager=" + ClusterSecretMetadata.FIELD_MANAGER
            + " --force-conflicts -f " + FILE;

    private final String clusterId;
    private final ClusterObject secret;
    private final ClusterCommands cluster;
    private final Supplier<String> address;
    private final Progress progress;

    /** @param address the connection string; read only when the comparison needs it */
    NotificationSecret(String clusterId, ClusterObject secret, ClusterCommands cluster, Supplier<String> address, Progress progress) {
        this.clusterId = clusterId;
        this.secret = secret;
        this.cluster = cluster;
        this.address = address;
        this.progress = progress;
    }

    /** The secret compared with the cluster's copy, read here (the actual state of apply and of an online plan). */
    Change.Cluster plan() {
        Optional<String> actual = clusterDigest();
        Action action = actual.isEmpty() ? Action.CREATE
                : actual.get().equals(NotificationSecretManifest.digest(address.get())) ? Action.NONE : Action.UPDATE;
        return new Change.Cluster(action, secret.kind(), secret.namespace(), secret.name());
    }

    @Override
    public List<Change> plan(ActualState actual) {
        return actual.reads("cluster")
                ? List.of(new Change.Cluster(actual.clusterObject(secret), secret.kind(), secret.namespace(), secret.name()))
                : List.of();
    }

    @Override
    public String unchanged(List<Change> planned) {
        progress.info(label() + ": up to date, nothing to write");
        return detail(Action.NONE);
    }

    @Override
    public ApplyResult.StageResult apply(List<Change> planned) {
        Change.Cluster change = (Change.Cluster) planned.get(0);
        progress.info(label() + ": " + (change.action() == Action.CREATE ? "creating" : "updating (the connection string changed)"));
        String value = address.get();
        // conflicts are forced only on a Secret aksflux owns (plan() refused any other), e.g. one an older client-side apply wrote
        ClusterCommands.CommandResult result = cluster.run(clusterId, APPLY,
                Map.of(FILE, NotificationSecretManifest.render(secret, value)));
        if (!result.succeeded()) {
            throw new ProvisioningFailedException("kubectl apply of " + label() + " failed (exit " + result.exitCode() + "): "
                    + result.logs().replace(value, "(sensitive)").strip());
        }
        progress.info(label() + ": " + (change.action() == Action.CREATE ? "created" : "updated"));
        return new ApplyResult.StageResult(Stage.NOTIFICATIONS.label(), "changed", detail(change.action()));
    }

    private String detail(Action action) {
        return action.wire() + " " + secret.kind() + " " + secret.namespace() + "/" + secret.name();
    }

    /**
     * The digest annotation of the cluster's copy ("" when it has none); empty when the secret does not exist.
     * @throws ProvisioningFailedException when another controller owns the Secret: aksflux never writes it
     */
    private Optional<String> clusterDigest() {
        Optional<ClusterSecretMetadata> metadata = ClusterSecretMetadata.read(cluster, clusterId, secret.namespace(), secret.name());
        metadata.flatMap(ClusterSecretMetadata::foreignOwner).ifPresent(owner -> {
            throw new ProvisioningFailedException(label() + " exists and is not aksflux's: " + owner + ". aksflux never creates"
                    + " or overwrites a Secret another controller owns, and wrote nothing. Either let that controller deliver the"
                    + " connection string (notifications.delivery: keyVault writes the Key Vault secret its 'address' references),"
                    + " or set notifications.secretName to a Secret nothing else owns (e.g. aksflux-notification)");
        });
        return metadata.map(ClusterSecretMetadata::digest);
    }

    private String label() {
        return "secret " + secret.namespace() + "/" + secret.name();
    }
}

package io.aksflux.apply;

import io.aksflux.cluster.ClusterCommands;
import io.aksflux.desired.ClusterObject;
import io.aksflux.desired.NotificationSecretManifest;
import io.aksflux.plan.Action;
import io.aksflux.plan.Change;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Secret the notification Provider reads, put into the cluster through {@link ClusterCommands}: compares the
 * digest annotation on the cluster's copy with the desired value's digest and applies the manifest only when they
 * differ or the secret is missing. The value travels only in the command's files, never in its text, progress,
 * results or messages.
 */
final class NotificationSecret {
    static final String FILE = "notification-secret.yaml";

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

    Change.Cluster plan() {
        Optional<String> actual = clusterDigest();
        Action action = actual.isEmpty() ? Action.CREATE
                : actual.get().equals(NotificationSecretManifest.digest(address.get())) ? Action.NONE : Action.UPDATE;
        return new Change.Cluster(action, secret.kind(), secret.namespace(), secret.name());
    }

    Change.Cluster apply() {
        Change.Cluster change = plan();
        if (change.action() == Action.NONE) {
            progress.info(label() + ": up to date, nothing to write");
            return change;
        }
        progress.info(label() + ": " + (change.action() == Action.CREATE ? "creating" : "updating (the connection string changed)"));
        String value = address.get();
        ClusterCommands.CommandResult result = cluster.run(clusterId, "kubectl apply -f " + FILE,
                Map.of(FILE, NotificationSecretManifest.render(secret, value)));
        if (!result.succeeded()) {
            throw new ProvisioningFailedException("kubectl apply of " + label() + " failed (exit " + result.exitCode() + "): "
                    + result.logs().replace(value, "(sensitive)").strip());
        }
        progress.info(label() + ": " + (change.action() == Action.CREATE ? "created" : "updated"));
        return change;
    }

    /** The digest annotation of the cluster's copy ("" when it has none); empty when the secret does not exist. */
    private Optional<String> clusterDigest() {
        String annotation = NotificationSecretManifest.DIGEST_ANNOTATION.replace(".", "\\.");
        ClusterCommands.CommandResult result = cluster.run(clusterId, "kubectl get secret -n " + secret.namespace() + " " + secret.name()
                + " -o jsonpath='{.metadata.annotations." + annotation + "}'", Map.of());
        if (result.succeeded()) {
            return Optional.of(result.logs().strip());
        }
        if (result.logs().contains("(NotFound)")) {
            return Optional.empty();
        }
        throw new ProvisioningFailedException("reading " + label() + " with kubectl failed (exit " + result.exitCode() + "): " + result.logs().strip());
    }

    private String label() {
        return "secret " + secret.namespace() + "/" + secret.name();
    }
}

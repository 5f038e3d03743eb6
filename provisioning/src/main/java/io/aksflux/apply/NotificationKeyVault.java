package io.aksflux.apply;

import io.aksflux.base.Progress;
import io.aksflux.cluster.ClusterCommands;
import io.aksflux.environment.Environment;
import io.aksflux.secret.SecretReference;
import io.aksflux.secret.SecretStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The notification secret on a platform where another controller owns it ({@code notifications.delivery: keyVault}):
 * the reference platform's App Configuration Kubernetes Provider materializes {@code adp-platform-secrets} from App
 * Configuration, whose key {@code address} references a Key Vault secret. aksflux keeps that source true, writing the
 * Event Hub connection string into the Key Vault secret only when it differs, and then only reads the cluster's Secret:
 * that it holds a key {@code address}, never its value.
 */
final class NotificationKeyVault implements Step {
    private static final String FIELDS = "notifications.keyVault.{vault,secret}";

    private final Environment env;
    private final SecretStore store;
    private final Supplier<String> address;
    private final ClusterCommands cluster;
    private final Progress progress;

    NotificationKeyVault(Environment env, SecretStore store, Supplier<String> address, ClusterCommands cluster, Progress progress) {
        this.env = env;
        this.store = store;
        this.address = address;
        this.cluster = cluster;
        this.progress = progress;
    }

    /** The Key Vault secret, or why it cannot be named; checked before the first write of apply. */
    static SecretReference.KeyVaultSecret target(Environment env) {
        Environment.KeyVaultTarget target = env.notifications().keyVault();
        List<String> missing = new ArrayList<>();
        if (target.vault() == null) {
            missing.add("notifications.keyVault.vault");
        }
        if (target.secret() == null) {
            missing.add("notifications.keyVault.secret");
        }
        if (!missing.isEmpty()) {
            throw new ProvisioningFailedException(env.file() + ": " + String.join(", ", missing) + " not set; with notifications.delivery:"
                    + " keyVault the connection string goes to the Key Vault secret the App Configuration key 'address' references"
                    + " (the reference platform: <ENV><region><0n>-ADP-EVENTHUB-CONNECTION), or use notifications.delivery: secret");
        }
        return new SecretReference.KeyVaultSecret(target.vault(), target.secret());
    }

    /** Nothing read ahead: the Key Vault put compares, and a plan shows no secret another controller delivers. */
    @Override
    public List<io.aksflux.change.Change> plan(io.aksflux.plan.ActualState actual) {
        return List.of();
    }

    @Override
    public boolean comparesWhenWriting() {
        return true;
    }

    @Override
    public ApplyResult.StageResult apply(List<io.aksflux.change.Change> planned) {
        SecretReference.KeyVaultSecret secret = target(env);
        String label = "Key Vault secret " + secret.vault() + "/" + secret.name();
        boolean written = store.putIfDifferent(secret, address.get());
        progress.info(label + (written ? ": written (the Event Hub connection string changed or was missing)" : ": up to date, nothing to write"));
        checkClusterSecret(secret);
        return new ApplyResult.StageResult(Stage.NOTIFICATIONS.label(), written ? "changed" : "unchanged",
                (written ? "update " : "none ") + label + " (" + FIELDS + ")");
    }

    /** Read only: the Secret its owner makes from App Configuration should hold {@code address}. A gap is a warning. */
    private void checkClusterSecret(SecretReference.KeyVaultSecret secret) {
        String namespace = env.flux().namespace();
        String name = env.notifications().secretName();
        String label = "secret " + namespace + "/" + name;
        Optional<ClusterSecretMetadata> metadata = ClusterSecretMetadata.read(cluster, env.azure().clusterId(), namespace, name);
        if (metadata.isEmpty()) {
            progress.warn(label + " does not exist yet: its controller (the App Configuration provider the flux configuration applies)"
                    + " creates it from the App Configuration key 'address', which must reference " + secret.vault() + "/" + secret.name()
                    + "; until then the notification Provider has no address");
        } else if (metadata.get().foreignOwner().isEmpty()) {
            progress.warn(label + " was written by aksflux (an earlier notifications.delivery: secret); the App Configuration provider"
                    + " refuses a Secret it does not own, so delete it (kubectl delete secret -n " + namespace + " " + name
                    + ") and let the provider create it");
        } else if (!metadata.get().keys().contains("address")) {
            progress.warn(label + " has no key 'address': add the App Configuration key 'address' (label adp-platform) as a Key Vault"
                    + " reference to " + secret.vault() + "/" + secret.name() + "; the notification Provider reads it");
        } else {
            progress.info(label + " holds key 'address' (delivered by its owner from " + secret.vault() + "/" + secret.name() + ")");
        }
    }
}

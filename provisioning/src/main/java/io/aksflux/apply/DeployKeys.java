package io.aksflux.apply;

import io.aksflux.base.Progress;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.cluster.ClusterCommands;
import io.aksflux.environment.DeployKeySpec;
import io.aksflux.environment.Environment;
import io.aksflux.git.DeployKeyHost;
import io.aksflux.plan.ActualState;
import io.aksflux.secret.SecretReference;
import io.aksflux.secret.SecretStore;
import io.aksflux.secret.SshKeyPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSH deploy keys Flux sources read ({@code deployKeys}), kept in three places that must agree: the private key in
 * Key Vault (made in-process when Key Vault has none), the public key as a read-only deploy key on the Git host
 * (GitHub's API; any other host: printed for a person to register), and the Secret in the cluster (through run
 * command; never one another controller owns). Each place is read first and written only when it differs, so a re-run
 * writes nothing; a rotation makes a new key, registers it, updates the Secret and then removes the old key from
 * GitHub. Key material goes only to Key Vault and into the command's files, never into text.
 */
final class DeployKeys implements Step {
    private final Environment env;
    private final DeployKeyOptions options;
    private final SecretStore store;
    private final ClusterCommands cluster;
    private final Progress progress;

    DeployKeys(Environment env, DeployKeyOptions options, SecretStore store, ClusterCommands cluster, Progress progress) {
        this.env = env;
        this.options = options;
        this.store = store;
        this.cluster = cluster;
        this.progress = progress;
    }

    /** Offline: each Secret as new; online nothing is read ahead (the key is Key Vault's, read when the stage runs). */
    @Override
    public List<Change> plan(ActualState actual) {
        return actual != ActualState.NOTHING ? List.of() : env.deployKeys().stream()
                .<Change>map(k -> new Change.Cluster(Action.CREATE, "Secret", k.namespace(), k.secretName())).toList();
    }

    @Override
    public boolean comparesWhenWriting() {
        return true;
    }

    @Override
    public ApplyResult.StageResult apply(List<Change> planned) {
        List<String> details = new ArrayList<>();
        boolean changed = false;
        for (DeployKeySpec spec : env.deployKeys()) {
            Optional<String> change = keep(spec);
            changed |= change.isPresent();
            details.add(change.orElse("none") + " deploy key " + spec.namespace() + "/" + spec.secretName());
        }
        return new ApplyResult.StageResult(Stage.DEPLOY_KEYS.label(), changed ? "changed" : "unchanged", String.join("; ", details));
    }

    /** One deploy key brought into agreement; what changed ({@code create}, {@code update}, {@code rotate}) or empty. */
    private Optional<String> keep(DeployKeySpec spec) {
        String label = "deploy key " + spec.namespace() + "/" + spec.secretName();
        String clusterId = env.azure().clusterId();
        // whose the Secret is comes first: nothing is made, stored or registered for a Secret aksflux may not write
        Optional<ClusterSecretMetadata> metadata = ClusterSecretMetadata.read(cluster, clusterId, spec.namespace(), spec.secretName());
        metadata.flatMap(m -> m.foreignOwner(DeployKeySecret.DIGEST_ANNOTATION)).ifPresent(owner -> {
            throw new ProvisioningFailedException("secret " + spec.namespace() + "/" + spec.secretName() + " exists and is not aksflux's: "
                    + owner + ". aksflux never creates or overwrites a Secret another controller owns, and wrote nothing for " + label
                    + ". Let that controller deliver the key, or name another Secret (deployKeys.<name> and the GitRepository's secretRef)");
        });
        SecretReference.KeyVaultSecret vault = new SecretReference.KeyVaultSecret(spec.vault(), spec.vaultSecret());
        Optional<SshKeyPair> stored = store.find(vault).map(pem -> stored(pem, vault, label));
        SshKeyPair key = stored.filter(k -> !options.rotate()).orElseGet(SshKeyPair::generate);
        Optional<SshKeyPair> replaced = stored.filter(k -> options.rotate());
        if (stored.isEmpty() || replaced.isPresent()) {
            store.putIfDifferent(vault, key.privateKeyPem());
            progress.info(label + ": " + (replaced.isPresent() ? "new" : "no key in Key Vault; made an") + " ed25519 key, stored in Key Vault secret "
                    + vault.vault() + "/" + vault.name());
        }
        String digest = DeployKeySecret.digest(key, spec.knownHosts());
        boolean secretCurrent = metadata.isPresent() && digest.equals(clusterDigest(spec));
        boolean registered = register(spec, label, key, replaced, secretCurrent);
        if (!secretCurrent) {
            writeSecret(spec, label, key, metadata.isEmpty());
        }
        replaced.ifPresent(old -> unregister(spec, label, old));
        if (!secretCurrent || registered || replaced.isPresent()) {
            return Optional.of(replaced.isPresent() ? "rotate" : metadata.isEmpty() ? "create" : "update");
        }
        progress.info(label + ": up to date (Key Vault, " + spec.host().wire() + " host, Secret), nothing to write");
        return Optional.empty();
    }

    /** Registers the public key with the Git host when it lacks it; true when it was registered now. */
    private boolean register(DeployKeySpec spec, String label, SshKeyPair key, Optional<SshKeyPair> replaced, boolean secretCurrent) {
        if (spec.host() == DeployKeySpec.Host.GITHUB) {
            List<String> repo = spec.ownerAndRepo().orElseThrow(); // validate refused a GitHub URL without owner/repo
            DeployKeyHost github = options.github();
            String wanted = SshKeyPair.comparable(key.publicKey()).orElseThrow();
            boolean present = github.list(repo.get(0), repo.get(1)).stream()
                    .anyMatch(k -> SshKeyPair.comparable(k.key()).filter(wanted::equals).isPresent());
            if (present) {
                return false;
            }
            github.addReadOnly(repo.get(0), repo.get(1), "aksflux " + env.name().name() + " " + spec.secretName(), key.publicKey());
            progress.info(label + ": registered as a read-only deploy key of " + repo.get(0) + "/" + repo.get(1) + " on GitHub");
            return true;
        }
        if (secretCurrent) {
            return false; // the Secret holds this key, so it was registered (and confirmed) when it was written
        }
        String ask = label + ": register this public key as a read-only deploy key of " + spec.repository() + ": " + key.publicKey()
                + replaced.map(old -> " (and remove the old one: " + old.publicKey() + ")").orElse("");
        if (options.registered()) {
            progress.info(ask + "; confirmed as registered");
            return false;
        }
        if (options.pipeline()) {
            throw new ProvisioningFailedException(ask + ". aksflux cannot register it with this host itself and does not guess:"
                    + " the key is kept in Key Vault, the Secret is not written yet. Once the key is registered, run apply again"
                    + " confirming the deploy key is registered");
        }
        progress.warn(ask + "; Flux cannot fetch the repository until it is");
        return false;
    }

    private void unregister(DeployKeySpec spec, String label, SshKeyPair old) {
        if (spec.host() != DeployKeySpec.Host.GITHUB) {
            return;
        }
        List<String> repo = spec.ownerAndRepo().orElseThrow();
        String retired = SshKeyPair.comparable(old.publicKey()).orElseThrow();
        for (DeployKeyHost.RegisteredKey k : options.github().list(repo.get(0), repo.get(1))) {
            if (SshKeyPair.comparable(k.key()).filter(retired::equals).isPresent()) {
                options.github().delete(repo.get(0), repo.get(1), k.id());
                progress.info(label + ": removed the old deploy key (id " + k.id() + ") from " + repo.get(0) + "/" + repo.get(1));
            }
        }
    }

    private static SshKeyPair stored(String pem, SecretReference.KeyVaultSecret vault, String label) {
        try {
            return SshKeyPair.fromPrivateKeyPem(pem);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningFailedException(label + ": Key Vault secret " + vault.vault() + "/" + vault.name() + " does not hold"
                    + " an ed25519 private key aksflux can use (" + e.getMessage() + "); aksflux keeps PKCS#8 PEM there. Delete the secret"
                    + " to have a new key made, or rotate the deploy keys");
        }
    }

    private String clusterDigest(DeployKeySpec spec) {
        ClusterCommands.CommandResult result = cluster.run(env.azure().clusterId(), DeployKeySecret.readDigest(spec), Map.of());
        return result.succeeded() ? result.logs().strip() : "";
    }

    private void writeSecret(DeployKeySpec spec, String label, SshKeyPair key, boolean missing) {
        progress.info(label + ": " + (missing ? "creating" : "updating") + " the Secret (identity, identity.pub, known_hosts)");
        ClusterCommands.CommandResult result = cluster.run(env.azure().clusterId(), DeployKeySecret.APPLY,
                Map.of(DeployKeySecret.FILE, DeployKeySecret.render(spec, key)));
        if (!result.succeeded()) {
            throw new ProvisioningFailedException("kubectl apply of " + label + " failed (exit " + result.exitCode() + "): "
                    + result.logs().replace(key.privateKeyPem(), "(sensitive)").strip());
        }
    }
}

package io.aksflux.apply;

import io.aksflux.desired.NotificationSecretManifest;
import io.aksflux.environment.DeployKeySpec;
import io.aksflux.secret.SshKeyPair;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secret Flux's GitRepository reads an SSH deploy key from ({@code identity}, {@code identity.pub},
 * {@code known_hosts}), with its Namespace, labelled as aksflux's and annotated with the SHA-256 of its three values, so
 * a re-run compares digests instead of reading the key back.
 */
final class DeployKeySecret {
    static final String DIGEST_ANNOTATION = "aksflux.io/deploy-key-sha256";
    static final String FILE = "deploy-key.yaml";
    static final String APPLY = "kubectl apply --server-side --field-manager=" + ClusterSecretMetadata.FIELD_MANAGER
            + " --force-conflicts -f " + FILE;

    private DeployKeySecret() {
    }

    /** Reads the digest annotation of the cluster's copy (the emulator and kubectl both print "" when it has none). */
    static String readDigest(DeployKeySpec spec) {
        return "kubectl get secret -n " + spec.namespace() + " " + spec.secretName() + " -o jsonpath='{.metadata.annotations."
                + DIGEST_ANNOTATION.replace(".", "\\.") + "}'";
    }

    static String digest(SshKeyPair key, String knownHosts) {
        return NotificationSecretManifest.digest(key.privateKeyPem() + "\n" + key.publicKey() + "\n" + knownHosts(knownHosts));
    }

    static String render(DeployKeySpec spec, SshKeyPair key) {
        Map<String, Object> namespace = object("Namespace", Map.of("name", spec.namespace()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", spec.secretName());
        metadata.put("namespace", spec.namespace());
        metadata.put("labels", Map.of(ClusterSecretMetadata.MANAGED_BY, ClusterSecretMetadata.FIELD_MANAGER));
        metadata.put("annotations", Map.of(DIGEST_ANNOTATION, digest(key, spec.knownHosts())));
        Map<String, Object> secret = object("Secret", metadata);
        secret.put("type", "Opaque");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("identity", key.privateKeyPem());
        data.put("identity.pub", key.publicKey() + "\n");
        data.put("known_hosts", knownHosts(spec.knownHosts()));
        secret.put("stringData", data);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dumpAll(List.of(namespace, secret).iterator());
    }

    private static String knownHosts(String text) {
        return text.strip() + "\n";
    }

    private static Map<String, Object> object(String kind, Map<String, Object> metadata) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }
}

package io.aksflux.desired;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest that puts the notification secret into the cluster: its Namespace (the flux configuration that
 * would create it comes later in apply) and the Secret with the connection string under {@code address}. The
 * Secret carries the value's SHA-256 as an annotation, so a later apply can tell whether it differs without
 * reading the secret back.
 */
public final class NotificationSecretManifest {
    public static final String DIGEST_ANNOTATION = "aksflux.io/address-sha256";
    public static final String KEY = "address";

    private NotificationSecretManifest() {
    }

    public static String render(ClusterObject secret, String address) {
        Map<String, Object> namespace = object("Namespace", Map.of("name", secret.namespace()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", secret.name());
        metadata.put("namespace", secret.namespace());
        metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "aksflux"));
        metadata.put("annotations", Map.of(DIGEST_ANNOTATION, digest(address)));
        Map<String, Object> manifest = object("Secret", metadata);
        manifest.put("type", "Opaque");
        manifest.put("stringData", Map.of(KEY, address));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dumpAll(List.of(namespace, manifest).iterator());
    }

    /** Lower-case hex SHA-256 of the value, as the annotation holds it. */
    public static String digest(String address) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, Object> object(String kind, Map<String, Object> metadata) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }
}

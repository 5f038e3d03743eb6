package io.aksflux.apply;

import io.aksflux.cluster.ClusterCommands;
import io.aksflux.desired.NotificationSecretManifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a cluster's Secret says about who owns it, read through {@link ClusterCommands} with a go-template that
 * prints owner references, field managers, labels, annotation keys, aksflux's digest and the names of the data keys:
 * never a value (annotation values are left out too, since {@code kubectl.kubernetes.io/last-applied-configuration}
 * can hold the data).
 */
record ClusterSecretMetadata(List<String> owners, List<String> managers, Map<String, String> labels, List<String> annotations,
                             String digest, List<String> keys) {
    static final String TEMPLATE = "{{range .metadata.ownerReferences}}owner {{.kind}}/{{.name}}{{\"\\n\"}}{{end}}"
            + "{{range .metadata.managedFields}}manager {{.manager}}{{\"\\n\"}}{{end}}"
            + "{{range $k, $v := .metadata.labels}}label {{$k}}={{$v}}{{\"\\n\"}}{{end}}"
            + "{{range $k, $v := .metadata.annotations}}annotation {{$k}}{{\"\\n\"}}{{end}}"
            + "{{range $k, $v := .metadata.annotations}}{{if eq $k \"" + NotificationSecretManifest.DIGEST_ANNOTATION
            + "\"}}digest {{$v}}{{\"\\n\"}}{{end}}{{end}}"
            + "{{range $k, $v := .data}}key {{$k}}{{\"\\n\"}}{{end}}";
    /** The label aksflux puts on what it writes, and the value others use to say the object is theirs. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String FIELD_MANAGER = "aksflux";
    /** Field managers of aksflux's own writes: its server-side apply, and the client-side apply of earlier versions. */
    private static final Set<String> OWN_MANAGERS = Set.of(FIELD_MANAGER, "kubectl-client-side-apply");

    static String command(String namespace, String name) {
        return "kubectl get secret -n " + namespace + " " + name + " -o go-template='" + TEMPLATE + "'";
    }

    /** The Secret's metadata; empty when it does not exist. */
    static Optional<ClusterSecretMetadata> read(ClusterCommands cluster, String clusterId, String namespace, String name) {
        ClusterCommands.CommandResult result = cluster.run(clusterId, command(namespace, name), Map.of());
        if (result.succeeded()) {
            return Optional.of(parse(result.logs()));
        }
        if (result.logs().contains("(NotFound)")) {
            return Optional.empty();
        }
        throw new ProvisioningFailedException("reading secret " + namespace + "/" + name + " with kubectl failed (exit "
                + result.exitCode() + "): " + result.logs().strip());
    }

    static ClusterSecretMetadata parse(String logs) {
        List<String> owners = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> annotations = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String digest = "";
        for (String line : logs.split("\n")) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String value = line.substring(space + 1).strip();
            switch (line.substring(0, space)) {
                case "owner" -> owners.add(value);
                case "manager" -> managers.add(value);
                case "label" -> {
                    int eq = value.indexOf('=');
                    labels.put(eq < 0 ? value : value.substring(0, eq), eq < 0 ? "" : value.substring(eq + 1));
                }
                case "annotation" -> annotations.add(value);
                case "digest" -> digest = value;
                case "key" -> keys.add(value);
                default -> {
                }
            }
        }
        return new ClusterSecretMetadata(owners, managers, labels, annotations, digest, keys);
    }

    /**
     * Why this Secret belongs to someone else, or empty when aksflux wrote it: another controller's owner reference
     * (the App Configuration Kubernetes Provider owns its targets this way and refuses any it does not own), a field
     * manager or {@code managed-by} label that is not aksflux's, or no aksflux digest annotation at all.
     */
    Optional<String> foreignOwner() {
        return foreignOwner(NotificationSecretManifest.DIGEST_ANNOTATION);
    }

    /** As {@link #foreignOwner()}, for a Secret aksflux marks with {@code ownAnnotation} (a deploy key's digest). */
    Optional<String> foreignOwner(String ownAnnotation) {
        if (!owners.isEmpty()) {
            return Optional.of("it is owned by " + String.join(", ", owners) + " (ownerReferences)"
                    + (owners.stream().anyMatch(o -> o.startsWith("AzureAppConfigurationProvider/"))
                    ? ": the Azure App Configuration Kubernetes Provider materializes it from App Configuration" : ""));
        }
        String label = labels.get(MANAGED_BY);
        if (label != null && !label.equals(FIELD_MANAGER)) {
            return Optional.of("it is labelled " + MANAGED_BY + "=" + label);
        }
        List<String> others = managers.stream().filter(m -> !OWN_MANAGERS.contains(m) && !m.startsWith("kubectl")).toList();
        if (!others.isEmpty()) {
            return Optional.of("field manager(s) " + String.join(", ", others) + " wrote it (managedFields)");
        }
        if (!annotations.contains(ownAnnotation)) {
            return Optional.of("it does not carry aksflux's annotation " + ownAnnotation
                    + ", so aksflux did not create it");
        }
        return Optional.empty();
    }
}

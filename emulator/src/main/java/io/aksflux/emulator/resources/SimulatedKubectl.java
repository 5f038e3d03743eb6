package io.aksflux.emulator.resources;

import io.aksflux.emulator.flux.SimulatedFlux;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The few kubectl commands aksflux sends through {@code runCommand}, over Kubernetes objects kept per cluster in
 * memory: {@code kubectl apply [--server-side --field-manager=NAME [--force-conflicts]] -f FILE} of Namespaces and
 * Secrets from the command's files, {@code kubectl get secret -n NS NAME -o jsonpath='{.metadata.annotations.KEY}'},
 * the {@link #METADATA_TEMPLATE} read of a Secret's owners, managers, labels, annotation keys and data keys, and, for the
 * HelmReleases simulated Flux runs, {@code kubectl get helmrelease -n NS NAME -o yaml|json} (its chart, version and
 * status, never its values) and {@code kubectl events -n NS --for helmrelease/NAME}.
 * Anything else fails with exit 1 and says what is simulated, so an unexpected command cannot pass unnoticed. It is
 * also the cluster simulated Flux reads ConfigMaps and Secrets from, where an applied AzureAppConfigurationProvider
 * creates its targets as the provider's controller would.
 */
public final class SimulatedKubectl implements io.aksflux.emulator.flux.ClusterObjects {
    private static final Pattern ANNOTATION_PATH = Pattern.compile("^\\{\\.metadata\\.annotations\\.((?:\\\\\\.|[^.}\\\\])+)}$");
    /** The go-template aksflux reads a Secret's metadata with: owners, managers, labels, annotation keys, data keys; never a value. */
    public static final String METADATA_TEMPLATE = "{{range .metadata.ownerReferences}}owner {{.kind}}/{{.name}}{{\"\\n\"}}{{end}}"
            + "{{range .metadata.managedFields}}manager {{.manager}}{{\"\\n\"}}{{end}}"
            + "{{range $k, $v := .metadata.labels}}label {{$k}}={{$v}}{{\"\\n\"}}{{end}}"
            + "{{range $k, $v := .metadata.annotations}}annotation {{$k}}{{\"\\n\"}}{{end}}"
            + "{{range $k, $v := .metadata.annotations}}{{if eq $k \"aksflux.io/address-sha256\"}}digest {{$v}}{{\"\\n\"}}{{end}}{{end}}"
            + "{{range $k, $v := .data}}key {{$k}}{{\"\\n\"}}{{end}}";
    /** The field manager the provider's controller writes with (controller-runtime names it after the binary). */
    static final String APP_CONFIGURATION_MANAGER = "manager";

    /**
     * A Secret as the cluster stores it: {@code data} decoded (stringData merged in, as the API server does), with
     * its labels, owner references ({@code Kind/name}) and the field managers that wrote it.
     */
    public record StoredSecret(String namespace, String name, String type, Map<String, String> annotations, Map<String, String> data,
                               Map<String, String> labels, List<String> owners, List<String> managers) {
        public StoredSecret {
            annotations = Map.copyOf(annotations);
            data = Map.copyOf(data);
            labels = Map.copyOf(labels);
            owners = List.copyOf(owners);
            managers = List.copyOf(managers);
        }
    }

    /** Where kubectl finds the HelmReleases simulated Flux runs on a cluster, and the time (for events' ages). */
    public interface FluxCluster {
        Optional<SimulatedFlux.HelmRelease> helmRelease(String clusterId, String namespace, String name);

        java.time.Instant now();
    }

    private FluxCluster flux = new FluxCluster() {
        @Override
        public Optional<SimulatedFlux.HelmRelease> helmRelease(String clusterId, String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public java.time.Instant now() {
            return java.time.Instant.EPOCH;
        }
    };
    private final Map<String, Set<String>> namespaces = new HashMap<>();
    private final Map<String, StoredSecret> secrets = new HashMap<>();
    private final Map<String, Map<String, String>> configMaps = new HashMap<>();

    /** Reads HelmReleases from {@code value} (the emulator's flux configurations). */
    public synchronized void flux(FluxCluster value) {
        flux = value;
    }

    public synchronized ManagedClusters.CommandResult run(String clusterId, String command, Map<String, String> files) {
        List<String> args = words(command);
        Optional<ManagedClusters.CommandResult> helm = HelmReleaseCommands.run(args, (namespace, name) -> flux.helmRelease(clusterId, namespace, name),
                flux.now());
        if (helm.isPresent()) {
            return helm.get();
        }
        if (args.size() >= 4 && args.get(0).equals("kubectl") && args.get(1).equals("apply") && args.get(args.size() - 2).equals("-f")) {
            return apply(clusterId, args.subList(2, args.size() - 2), args.get(args.size() - 1), files);
        }
        if (args.size() == 8 && args.subList(0, 4).equals(List.of("kubectl", "get", "secret", "-n")) && args.get(6).equals("-o")
                && args.get(7).startsWith("jsonpath=")) {
            return getSecretAnnotation(clusterId, args.get(4), args.get(5), args.get(7).substring("jsonpath=".length()));
        }
        if (args.size() == 8 && args.subList(0, 4).equals(List.of("kubectl", "get", "secret", "-n")) && args.get(6).equals("-o")
                && args.get(7).equals("go-template=" + METADATA_TEMPLATE)) {
            return getSecretMetadata(clusterId, args.get(4), args.get(5));
        }
        return failed("error: the aksflux ARM emulator simulates only 'kubectl apply [--server-side --field-manager=NAME"
                + " [--force-conflicts]] -f FILE' (Namespace, Secret), 'kubectl get secret -n NS NAME -o jsonpath={.metadata.annotations.KEY}'"
                + ", aksflux's go-template read of a Secret's metadata, 'kubectl get helmrelease -n NS NAME -o yaml|json' and"
                + " 'kubectl events -n NS --for helmrelease/NAME'; not: " + command);
    }

    @Override
    public synchronized boolean exists(String clusterId, String kind, String namespace, String name) {
        return switch (kind) {
            case "Secret" -> secrets.containsKey(key(clusterId, namespace, name));
            case "ConfigMap" -> configMaps.containsKey(key(clusterId, namespace, name));
            default -> false;
        };
    }

    /**
     * The App Configuration Kubernetes Provider's controller: creates the provider's target ConfigMap and Secret, each
     * owned by the provider. It refuses to take over an object someone else created (as the real controller does), so
     * an existing one is left as it is. The Secret holds the keys the reference platform's App Configuration gives it,
     * with placeholder values: the emulator has no App Configuration to read.
     */
    @Override
    public synchronized void appConfigurationProvider(String clusterId, String namespace, String name, String configMapName, String secretName) {
        namespaces.computeIfAbsent(clusterId.toLowerCase(Locale.ROOT), c -> new HashSet<>()).add(namespace);
        if (configMapName != null) {
            configMaps.putIfAbsent(key(clusterId, namespace, configMapName), Map.of("FLUX_CONFIG_NAMESPACE", namespace));
        }
        if (secretName != null && !secrets.containsKey(key(clusterId, namespace, secretName))) {
            Map<String, String> data = new LinkedHashMap<>();
            for (String k : List.of("address", "identity", "identity.pub", "known_hosts")) {
                data.put(k, "(emulated: resolved from App Configuration)");
            }
            secrets.put(key(clusterId, namespace, secretName), new StoredSecret(namespace, secretName, "Opaque", Map.of(), data,
                    Map.of(), List.of("AzureAppConfigurationProvider/" + name), List.of(APP_CONFIGURATION_MANAGER)));
        }
    }

    @Override
    public synchronized Map<String, String> configMapData(String clusterId, String namespace, String name) {
        return configMaps.getOrDefault(key(clusterId, namespace, name), Map.of());
    }

    /** Puts a ConfigMap into the cluster, as another controller would (e.g. the platform's variables for substituteFrom). */
    public synchronized void configMap(String clusterId, String namespace, String name, Map<String, String> data) {
        namespaces.computeIfAbsent(clusterId.toLowerCase(Locale.ROOT), c -> new HashSet<>()).add(namespace);
        configMaps.put(key(clusterId, namespace, name), Map.copyOf(data));
    }

    /** A ConfigMap's data, if the cluster holds it. */
    public synchronized Optional<Map<String, String>> configMap(String clusterId, String namespace, String name) {
        return Optional.ofNullable(configMaps.get(key(clusterId, namespace, name)));
    }

    public synchronized Optional<StoredSecret> secret(String clusterId, String namespace, String name) {
        return Optional.ofNullable(secrets.get(key(clusterId, namespace, name)));
    }

    /**
     * The files of a runCommand {@code context}: a base64-encoded zip, as {@code az aks command invoke --file} sends it.
     * @throws IllegalArgumentException when it is not one
     */
    public static Map<String, String> files(String context) {
        Map<String, String> files = new HashMap<>();
        if (context == null || context.isEmpty()) {
            return files;
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(context)))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("context is not a zip file", e);
        }
        return files;
    }

    private ManagedClusters.CommandResult apply(String clusterId, List<String> flags, String file, Map<String, String> files) {
        boolean serverSide = false;
        String manager = null;
        for (String flag : flags) {
            if (flag.equals("--server-side")) {
                serverSide = true;
            } else if (flag.startsWith("--field-manager=")) {
                manager = flag.substring("--field-manager=".length());
            } else if (!flag.equals("--force-conflicts")) {
                return failed("error: the aksflux ARM emulator's kubectl apply knows --server-side, --field-manager and"
                        + " --force-conflicts only, not " + flag);
            }
        }
        String fieldManager = serverSide ? (manager == null ? "kubectl" : manager) : "kubectl-client-side-apply";
        String text = files.get(file);
        if (text == null) {
            return failed("error: the path \"" + file + "\" does not exist");
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        try {
            for (Object document : new Yaml().loadAll(text)) {
                if (document instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked") Map<String, Object> object = (Map<String, Object>) map;
                    objects.add(object);
                }
            }
        } catch (RuntimeException e) {
            return failed("error: error parsing " + file + ": not valid YAML");
        }
        StringBuilder logs = new StringBuilder();
        for (Map<String, Object> object : objects) {
            String kind = String.valueOf(object.get("kind"));
            Map<String, Object> metadata = map(object.get("metadata"));
            String name = String.valueOf(metadata.get("name"));
            if (kind.equals("Namespace")) {
                boolean created = namespaces.computeIfAbsent(clusterId.toLowerCase(Locale.ROOT), c -> new HashSet<>()).add(name);
                logs.append("namespace/").append(name).append(created ? " created\n" : " unchanged\n");
            } else if (kind.equals("Secret")) {
                String namespace = String.valueOf(metadata.getOrDefault("namespace", "default"));
                if (!namespaces.getOrDefault(clusterId.toLowerCase(Locale.ROOT), Set.of()).contains(namespace)) {
                    return failed(logs + "Error from server (NotFound): error when creating \"" + file + "\": namespaces \"" + namespace + "\" not found");
                }
                StoredSecret before = secrets.get(key(clusterId, namespace, name));
                StoredSecret stored = secret(object, namespace, name, metadata, before, fieldManager);
                secrets.put(key(clusterId, namespace, name), stored);
                logs.append("secret/").append(name).append(before == null ? " created\n" : before.equals(stored) ? " unchanged\n" : " configured\n");
            } else {
                return failed(logs + "error: the aksflux ARM emulator's kubectl applies only Namespace and Secret objects, not " + kind);
            }
        }
        return new ManagedClusters.CommandResult(0, logs.toString());
    }

    private ManagedClusters.CommandResult getSecretAnnotation(String clusterId, String namespace, String name, String jsonPath) {
        Matcher path = ANNOTATION_PATH.matcher(jsonPath);
        if (!path.matches()) {
            return failed("error: the aksflux ARM emulator's kubectl reads only {.metadata.annotations.KEY} with jsonpath, not " + jsonPath);
        }
        StoredSecret stored = secrets.get(key(clusterId, namespace, name));
        if (stored == null) {
            return failed("Error from server (NotFound): secrets \"" + name + "\" not found");
        }
        return new ManagedClusters.CommandResult(0, stored.annotations().getOrDefault(path.group(1).replace("\\.", "."), ""));
    }

    /** The Secret after an apply: what the file says, the owners kept, the field manager added. */
    private ManagedClusters.CommandResult getSecretMetadata(String clusterId, String namespace, String name) {
        StoredSecret stored = secrets.get(key(clusterId, namespace, name));
        if (stored == null) {
            return failed("Error from server (NotFound): secrets \"" + name + "\" not found");
        }
        StringBuilder out = new StringBuilder();
        stored.owners().forEach(o -> out.append("owner ").append(o).append('\n'));
        stored.managers().forEach(m -> out.append("manager ").append(m).append('\n'));
        new java.util.TreeMap<>(stored.labels()).forEach((k, v) -> out.append("label ").append(k).append('=').append(v).append('\n'));
        new java.util.TreeSet<>(stored.annotations().keySet()).forEach(k -> out.append("annotation ").append(k).append('\n'));
        String digest = stored.annotations().get("aksflux.io/address-sha256");
        if (digest != null) {
            out.append("digest ").append(digest).append('\n');
        }
        new java.util.TreeSet<>(stored.data().keySet()).forEach(k -> out.append("key ").append(k).append('\n'));
        return new ManagedClusters.CommandResult(0, out.toString());
    }

    private static StoredSecret secret(Map<String, Object> object, String namespace, String name, Map<String, Object> metadata,
                                       StoredSecret before, String fieldManager) {
        Map<String, String> data = new LinkedHashMap<>();
        map(object.get("data")).forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
        map(object.get("stringData")).forEach((k, v) -> data.put(k, String.valueOf(v)));
        Map<String, String> annotations = new LinkedHashMap<>();
        map(metadata.get("annotations")).forEach((k, v) -> annotations.put(k, String.valueOf(v)));
        Map<String, String> labels = new LinkedHashMap<>();
        map(metadata.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        List<String> managers = new ArrayList<>(before == null ? List.of() : before.managers());
        if (!managers.contains(fieldManager)) {
            managers.add(fieldManager);
        }
        return new StoredSecret(namespace, name, String.valueOf(object.getOrDefault("type", "Opaque")), annotations, data, labels,
                before == null ? List.of() : before.owners(), managers);
    }

    /** Splits a command line as a shell would for these commands: on spaces, with single quotes grouping. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : command.strip().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static ManagedClusters.CommandResult failed(String message) {
        return new ManagedClusters.CommandResult(1, message + "\n");
    }

    private static String key(String clusterId, String namespace, String name) {
        return (clusterId + "/" + namespace + "/" + name).toLowerCase(Locale.ROOT);
    }
}

package io.aksflux.emulator.resources;

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
 * memory: {@code kubectl apply -f FILE} of Namespaces and Secrets from the command's files, and
 * {@code kubectl get secret -n NS NAME -o jsonpath='{.metadata.annotations.KEY}'}. Anything else fails with exit 1
 * and says what is simulated, so an unexpected command cannot pass unnoticed.
 */
public final class SimulatedKubectl {
    private static final Pattern ANNOTATION_PATH = Pattern.compile("^\\{\\.metadata\\.annotations\\.((?:\\\\\\.|[^.}\\\\])+)}$");

    /** A Secret as the cluster stores it: {@code data} decoded (stringData merged in, as the API server does). */
    public record StoredSecret(String namespace, String name, String type, Map<String, String> annotations, Map<String, String> data) {
    }

    private final Map<String, Set<String>> namespaces = new HashMap<>();
    private final Map<String, StoredSecret> secrets = new HashMap<>();

    public ManagedClusters.CommandResult run(String clusterId, String command, Map<String, String> files) {
        List<String> args = words(command);
        if (args.size() == 4 && args.get(0).equals("kubectl") && args.get(1).equals("apply") && args.get(2).equals("-f")) {
            return apply(clusterId, args.get(3), files);
        }
        if (args.size() == 8 && args.subList(0, 4).equals(List.of("kubectl", "get", "secret", "-n")) && args.get(6).equals("-o")
                && args.get(7).startsWith("jsonpath=")) {
            return getSecretAnnotation(clusterId, args.get(4), args.get(5), args.get(7).substring("jsonpath=".length()));
        }
        return failed("error: the aksflux ARM emulator simulates only 'kubectl apply -f FILE' (Namespace, Secret) and"
                + " 'kubectl get secret -n NS NAME -o jsonpath={.metadata.annotations.KEY}'; not: " + command);
    }

    public Optional<StoredSecret> secret(String clusterId, String namespace, String name) {
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

    private ManagedClusters.CommandResult apply(String clusterId, String file, Map<String, String> files) {
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
                StoredSecret stored = secret(object, namespace, name, metadata);
                StoredSecret before = secrets.put(key(clusterId, namespace, name), stored);
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

    private static StoredSecret secret(Map<String, Object> object, String namespace, String name, Map<String, Object> metadata) {
        Map<String, String> data = new LinkedHashMap<>();
        map(object.get("data")).forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
        map(object.get("stringData")).forEach((k, v) -> data.put(k, String.valueOf(v)));
        Map<String, String> annotations = new LinkedHashMap<>();
        map(metadata.get("annotations")).forEach((k, v) -> annotations.put(k, String.valueOf(v)));
        return new StoredSecret(namespace, name, String.valueOf(object.getOrDefault("type", "Opaque")), Map.copyOf(annotations), Map.copyOf(data));
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

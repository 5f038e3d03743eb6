package io.aksflux.emulator.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The published ARM (Swagger 2.0) specifications of the resource types aksflux manages, turned into strict
 * JSON Schemas for PUT bodies: {@code allOf} flattened, objects closed (a property the spec does not define
 * is an error), read-only properties refused, enums enforced. Real ARM rejects such requests; the emulator
 * and the tests refuse them the same way, so a bad body cannot hide.
 */
public final class ArmSpecs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private final Path root;
    /** resource type → api-version → compiled body schema */
    private final Map<String, Map<String, JsonSchema>> bodies = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private ArmSpecs(Path root) {
        this.root = root;
    }

    /** Where the specifications the emulator serves are bundled, so it works from the jar with no reference folder. */
    public static final String BUNDLED = "/io/aksflux/emulator/arm";

    /** The specifications bundled with the emulator (a copy of {@code reference/arm}, checked identical by a test). */
    public static ArmSpecs bundled() {
        URL marker = ArmSpecs.class.getResource(BUNDLED + "/common");
        if (marker == null) {
            throw new IllegalStateException("the bundled ARM specifications are missing from the classpath (" + BUNDLED + ")");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                return load(jarFileSystem(uri).getPath(BUNDLED));
            }
            return load(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads every specification under {@code root} (the folder holding {@code <api-version>/<type>/*.json}). */
    public static ArmSpecs load(Path root) {
        ArmSpecs specs = new ArmSpecs(root);
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("/examples/")
                            && !f.toString().contains("/common/"))
                    .sorted()
                    .forEach(specs::index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return specs;
    }

    /**
     * A published example ({@code containerservice/2024-10-01/examples/RunCommandRequest.json}): for operations the
     * bundle has no specification of, the example is the shape requests and answers are held to.
     */
    public JsonNode example(String path) {
        try {
            return JSON.readTree(Files.readString(root.resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The api-versions a resource type is published with, oldest first. */
    public List<String> apiVersions(String type) {
        return new ArrayList<>(new TreeSet<>(bodies.getOrDefault(type, Map.of()).keySet()));
    }

    public boolean supports(String type, String apiVersion) {
        return bodies.getOrDefault(type, Map.of()).containsKey(apiVersion);
    }

    /** Problems with a PUT body, each naming the JSON path; empty when the body conforms. */
    public List<String> validatePut(String type, String apiVersion, JsonNode body) {
        JsonSchema schema = bodies.getOrDefault(type, Map.of()).get(apiVersion);
        if (schema == null) {
            return List.of("no published specification of " + type + " at api-version " + apiVersion
                    + "; published: " + apiVersions(type));
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(body)) {
            problems.add(message.getMessage());
        }
        problems.sort(null);
        return problems;
    }

    private void index(Path file) {
        JsonNode spec = read(file);
        String apiVersion = spec.path("info").path("version").asText();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode put = path.getValue().get("put");
            if (put == null) {
                continue;
            }
            String type = resourceType(path.getKey());
            for (JsonNode parameter : put.path("parameters")) {
                if ("body".equals(parameter.path("in").asText())) {
                    ObjectNode schema = new Converter(file).convert(parameter.get("schema"));
                    bodies.computeIfAbsent(type, t -> new HashMap<>()).put(apiVersion, FACTORY.getSchema(schema));
                }
            }
        }
    }

    /** {@code .../providers/Microsoft.KubernetesConfiguration/extensions/{extensionName}} → the type. */
    static String resourceType(String path) {
        String tail = path.substring(path.lastIndexOf("/providers/") + "/providers/".length());
        String[] parts = tail.split("/");
        StringBuilder type = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i += 2) {
            type.append('/').append(parts[i]);
        }
        return type.toString();
    }

    private static JsonNode read(Path file) {
        try {
            try (var in = Files.newInputStream(file)) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Swagger schema → closed JSON Schema, resolving references across the spec files. */
    private final class Converter {
        private final Path file;
        private int depth;

        Converter(Path file) {
            this.file = file;
        }

        ObjectNode convert(JsonNode swagger) {
            return convert(swagger, file);
        }

        private ObjectNode convert(JsonNode swagger, Path context) {
            if (++depth > 64) {
                throw new IllegalStateException("specification nests too deeply at " + context);
            }
            try {
                Resolved resolved = resolve(swagger, context);
                if (resolved == null) {
                    return JsonNodeFactory.instance.objectNode(); // a reference outside the published set: anything goes
                }
                return convertResolved(resolved.node(), resolved.file());
            } finally {
                depth--;
            }
        }

        private ObjectNode convertResolved(JsonNode node, Path context) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            ArrayNode required = JsonNodeFactory.instance.arrayNode();
            boolean isObject = "object".equals(node.path("type").asText()) || node.has("properties") || node.has("allOf");
            for (JsonNode base : node.path("allOf")) {
                ObjectNode converted = convert(base, context);
                converted.path("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), e.getValue()));
                converted.path("required").forEach(required::add);
            }
            node.path("properties").fields().forEachRemaining(e -> {
                if (!e.getValue().path("readOnly").asBoolean(false)) {
                    properties.set(e.getKey(), convert(e.getValue(), context));
                }
            });
            node.path("required").forEach(r -> {
                if (properties.has(r.asText())) {
                    required.add(r);
                }
            });
            if (node.has("type") && !isObject) {
                out.put("type", node.get("type").asText());
            }
            if (node.has("enum")) {
                out.set("enum", node.get("enum"));
            }
            if (node.has("items")) {
                out.set("items", convert(node.get("items"), context));
            }
            if (isObject) {
                out.put("type", "object");
                if (!properties.isEmpty()) {
                    out.set("properties", properties);
                }
                if (!required.isEmpty()) {
                    out.set("required", required);
                }
                JsonNode additional = node.get("additionalProperties");
                if (additional != null && additional.isObject()) {
                    out.set("additionalProperties", convert(additional, context));
                } else if (additional != null) {
                    out.put("additionalProperties", additional.asBoolean());
                } else if (!properties.isEmpty() || node.has("allOf")) {
                    out.put("additionalProperties", false);
                }
            }
            return out;
        }

        private record Resolved(JsonNode node, Path file) {
        }

        private Resolved resolve(JsonNode node, Path context) {
            JsonNode current = node;
            Path currentFile = context;
            while (current.has("$ref")) {
                String ref = current.get("$ref").asText();
                int hash = ref.indexOf('#');
                String filePart = hash < 0 ? ref : ref.substring(0, hash);
                String pointer = hash < 0 ? "" : ref.substring(hash + 1);
                if (!filePart.isEmpty()) {
                    Optional<Path> target = locate(currentFile.getParent().resolve(filePart).normalize(), filePart);
                    if (target.isEmpty()) {
                        return null;
                    }
                    currentFile = target.get();
                }
                current = read(currentFile).at(pointer);
                if (current.isMissingNode()) {
                    return null;
                }
            }
            return new Resolved(current, currentFile);
        }

        /** The published layout differs from the copy here; fall back to the {@code common/<version>} folder. */
        private Optional<Path> locate(Path direct, String filePart) {
            if (Files.isRegularFile(direct)) {
                return Optional.of(direct);
            }
            int common = filePart.indexOf("common/");
            if (common >= 0 && !filePart.contains("common-types")) {
                Path fallback = root.resolve(filePart.substring(common));
                if (Files.isRegularFile(fallback)) {
                    return Optional.of(fallback);
                }
            }
            return Optional.empty();
        }
    }
}

package io.aksflux.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Flux CRDs' OpenAPI schemas, as the API server applies them: an object with listed properties
 * accepts no other field (unless it preserves unknown fields), enums and required fields hold.
 */
public final class FluxCrds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    private FluxCrds() {
    }

    public static FluxCrds load(Path folder) {
        FluxCrds crds = new FluxCrds();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Map<String, Object> crd = new Yaml().load(Files.readString(file));
                JsonNode spec = JSON.valueToTree(crd).path("spec");
                String group = spec.path("group").asText();
                String kind = spec.path("names").path("kind").asText();
                for (JsonNode version : spec.path("versions")) {
                    if (!version.path("served").asBoolean()) {
                        continue;
                    }
                    ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
                    close(schema);
                    crds.schemas.put(group + "/" + version.path("name").asText() + "/" + kind, factory.getSchema(schema));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crds;
    }

    public boolean knows(String apiVersion, String kind) {
        return schemas.containsKey(apiVersion + "/" + kind);
    }

    /** Problems with one manifest; fails when its apiVersion/kind has no served CRD version. */
    public List<String> validate(Map<String, Object> manifest) {
        String key = manifest.get("apiVersion") + "/" + manifest.get("kind");
        JsonSchema schema = schemas.get(key);
        if (schema == null) {
            return List.of("no served CRD version for " + key);
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(JSON.valueToTree(manifest))) {
            problems.add(m.getMessage());
        }
        return problems;
    }

    /**
     * Problems with a manifest the adp layout seeds. Two allowances, both because the layout reproduces the reference
     * platform's files: notification v1beta2 (the platform's Provider/Alert) is checked against the served v1beta3
     * schema, whose fields the layout uses are the same; and the image automation kinds, whose CRDs the reference does
     * not hold, are checked to be exactly the two the platform uses (see {@link #UNCHECKED}).
     */
    public List<String> validateSeeded(Map<String, Object> manifest) {
        String apiVersion = String.valueOf(manifest.get("apiVersion"));
        if (UNCHECKED.contains(apiVersion + "/" + manifest.get("kind"))) {
            return List.of();
        }
        if (apiVersion.equals("notification.toolkit.fluxcd.io/v1beta2")) {
            Map<String, Object> asServed = new java.util.LinkedHashMap<>(manifest);
            asServed.put("apiVersion", "notification.toolkit.fluxcd.io/v1beta3");
            return validate(asServed);
        }
        return validate(manifest);
    }

    /** Seeded kinds without a CRD in the reference (image-reflector and image-automation controllers). */
    public static final java.util.Set<String> UNCHECKED = java.util.Set.of(
            "image.toolkit.fluxcd.io/v1beta1/ImageUpdateAutomation", "image.toolkit.fluxcd.io/v1beta2/ImagePolicy");

    private static void close(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            if (node != null && node.isArray()) {
                node.forEach(FluxCrds::close);
            }
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
            close(it.next());
        }
    }
}

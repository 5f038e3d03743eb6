package io.aksflux.environment;

import io.aksflux.error.DidYouMean;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.ListNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Origin;
import io.aksflux.error.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The published JSON Schema of the environment file ({@code environments/schema.json}, bundled into the jar),
 * applied to a layered configuration tree. It is the single source of truth for which keys exist and what
 * they allow, so {@code validate} and editors always agree. Only the keywords the schema uses are understood;
 * a message names the field and what is allowed, and points at the line the value came from.
 */
public final class EnvironmentSchema {

    private static final String RESOURCE = "/io/aksflux/schema.json";
    /** How a missing required field's message starts. */
    static final String MISSING = "required field is missing";
    private final JsonNode root;
    private final java.util.Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();

    private EnvironmentSchema(JsonNode root) {
        this.root = root;
    }

    public static EnvironmentSchema bundled() {
        try (InputStream in = EnvironmentSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("environment schema missing from the classpath: " + RESOURCE);
            }
            return new EnvironmentSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sub-schema at a dotted path, resolving references; empty when the path names no field. */
    public Optional<JsonNode> at(List<String> path) {
        JsonNode schema = resolve(root);
        for (String segment : path) {
            JsonNode props = schema.path("properties");
            if (props.has(segment)) {
                schema = resolve(props.get(segment));
            } else if (schema.path("additionalProperties").isObject()) {
                schema = resolve(schema.get("additionalProperties"));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(schema);
    }

    /**
     * True when keys below this schema are free-form names of scalar values (extension settings, substitutions):
     * such a key may itself contain dots, so in {@code --set} the rest of the path is one key.
     */
    public boolean isScalarMap(JsonNode schema) {
        if (schema.has("properties") || !schema.path("additionalProperties").isObject()) {
            return false;
        }
        JsonNode values = resolve(schema.get("additionalProperties"));
        return !values.has("properties") && !"object".equals(values.path("type").asText());
    }

    /** True when the schema accepts this scalar at this path. */
    public boolean allows(List<String> path, Object value) {
        List<Problem> problems = new ArrayList<>();
        at(path).ifPresent(schema -> check(new ScalarNode(null, value), schema, "", problems));
        return at(path).isPresent() && problems.isEmpty();
    }

    public List<Problem> validate(MapNode config) {
        List<Problem> problems = new ArrayList<>();
        check(config, root, "", problems);
        return problems;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are supported in the environment schema: " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    private void check(ConfigNode node, JsonNode rawSchema, String field, List<Problem> problems) {
        check(node, rawSchema, field, null, problems);
    }

    /** @param keyOrigin where the key holding this value is written: missing fields are reported there */
    private void check(ConfigNode node, JsonNode rawSchema, String field, Origin keyOrigin, List<Problem> problems) {
        JsonNode schema = resolve(rawSchema);
        if (!typeMatches(node, schema)) {
            problems.add(new Problem(node.origin(), field, "must be " + describeType(schema) + allowedSuffix(schema)
                    + ", not " + (isWriteOnly(schema) ? "a literal value" : describeValue(node))));
            return;
        }
        if (node instanceof MapNode map) {
            checkMap(map, schema, field, keyOrigin == null ? map.origin() : keyOrigin, problems);
        } else if (node instanceof ListNode list) {
            JsonNode items = schema.get("items");
            for (int i = 0; i < list.items().size(); i++) {
                if (items != null) {
                    check(list.items().get(i), items, field + "[" + i + "]", problems);
                }
            }
        } else {
            checkScalar((ScalarNode) node, schema, field, problems);
        }
    }

    private void checkMap(MapNode map, JsonNode schema, String field, Origin where, List<Problem> problems) {
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        JsonNode names = schema.get("propertyNames");
        for (var entry : map.entries().entrySet()) {
            String key = entry.getKey();
            String child = field.isEmpty() ? key : field + "." + key;
            ConfigNode value = entry.getValue().value();
            if (names != null) {
                checkScalar(new ScalarNode(entry.getValue().keyOrigin(), key), resolve(names), child, problems);
            }
            if (props.has(key)) {
                check(value, props.get(key), child, entry.getValue().keyOrigin(), problems);
            } else if (additional != null && additional.isObject()) {
                check(value, additional, child, entry.getValue().keyOrigin(), problems);
            } else if (additional != null && !additional.asBoolean(true)) {
                List<String> allowed = new ArrayList<>();
                props.fieldNames().forEachRemaining(allowed::add);
                String hint = DidYouMean.closest(key, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                problems.add(new Problem(entry.getValue().keyOrigin(), child,
                        "unknown key" + hint + "; allowed: " + String.join(", ", allowed)));
            }
        }
        // "x-required" holds once all layers are merged; "required" holds within one value (a list item)
        List<JsonNode> requiredFields = new ArrayList<>();
        schema.path("x-required").forEach(requiredFields::add);
        schema.path("required").forEach(requiredFields::add);
        for (JsonNode required : requiredFields) {
            if (!map.entries().containsKey(required.asText())) {
                String child = field.isEmpty() ? required.asText() : field + "." + required.asText();
                problems.add(new Problem(where, child, MISSING
                        + Optional.ofNullable(resolve(props.path(required.asText())).get("x-allowed"))
                                .map(a -> "; expected " + a.asText()).orElse("")));
            }
        }
        if (schema.has("minProperties") && map.entries().size() < schema.get("minProperties").asInt()) {
            problems.add(new Problem(map.origin(), field, "needs at least " + schema.get("minProperties").asInt() + " entry"));
        }
    }

    private void checkScalar(ScalarNode node, JsonNode schema, String field, List<Problem> problems) {
        Object value = node.value();
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(String.valueOf(value))) {
                String hint = DidYouMean.closest(String.valueOf(value), allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                problems.add(new Problem(node.origin(), field, Problem.quote(value) + " is not allowed" + hint + "; allowed: " + String.join(", ", allowed)));
                return;
            }
        }
        if (value instanceof String text) {
            boolean tooShort = schema.has("minLength") && text.length() < schema.get("minLength").asInt();
            boolean tooLong = schema.has("maxLength") && text.length() > schema.get("maxLength").asInt();
            boolean mismatch = schema.has("pattern") && !pattern(schema.get("pattern").asText()).matcher(text).find();
            if (tooShort || tooLong || mismatch) {
                String what = isWriteOnly(schema) ? "is a literal value (not shown)"
                        : tooLong ? "is " + text.length() + " characters long" : tooShort && text.isEmpty() ? "is empty" : Problem.quote(text) + " is not valid";
                problems.add(new Problem(node.origin(), field, what + "; expected " + allowed(schema)));
            }
        } else if (value instanceof Number number && schema.has("minimum") && number.doubleValue() < schema.get("minimum").asDouble()) {
            problems.add(new Problem(node.origin(), field, number + " is too small; expected " + allowed(schema)));
        }
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    /** A secret's field: messages never repeat what was written there, in case it is the secret itself. */
    private static boolean isWriteOnly(JsonNode schema) {
        return schema.path("writeOnly").asBoolean(false);
    }

    private static String allowed(JsonNode schema) {
        if (schema.has("x-allowed")) {
            return schema.get("x-allowed").asText();
        }
        StringBuilder text = new StringBuilder("a value");
        if (schema.has("minLength")) {
            text.append(" of at least ").append(schema.get("minLength").asInt()).append(" characters");
        }
        if (schema.has("maxLength")) {
            text.append(" of at most ").append(schema.get("maxLength").asInt()).append(" characters");
        }
        if (schema.has("pattern")) {
            text.append(" matching ").append(schema.get("pattern").asText());
        }
        if (schema.has("minimum")) {
            text.append(" of at least ").append(schema.get("minimum").asText());
        }
        return text.toString();
    }

    private static String allowedSuffix(JsonNode schema) {
        return schema.has("x-allowed") ? " (" + schema.get("x-allowed").asText() + ")" : "";
    }

    private static boolean typeMatches(ConfigNode node, JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return true;
        }
        if (type.isArray()) {
            for (Iterator<JsonNode> it = type.elements(); it.hasNext(); ) {
                if (isType(node, it.next().asText())) {
                    return true;
                }
            }
            return false;
        }
        return isType(node, type.asText());
    }

    private static boolean isType(ConfigNode node, String type) {
        return switch (type) {
            case "object" -> node instanceof MapNode;
            case "array" -> node instanceof ListNode;
            case "string" -> node instanceof ScalarNode s && s.value() instanceof String;
            case "boolean" -> node instanceof ScalarNode s && s.value() instanceof Boolean;
            case "integer" -> node instanceof ScalarNode s && (s.value() instanceof Integer || s.value() instanceof Long
                    || s.value() instanceof java.math.BigInteger);
            case "number" -> node instanceof ScalarNode s && s.value() instanceof Number;
            case "null" -> node instanceof ScalarNode s && s.value() == null;
            default -> false;
        };
    }

    private static String describeType(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(article(t.asText())));
            return String.join(" or ", names);
        }
        return article(type.asText());
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> "a " + type;
        };
    }

    private static String describeValue(ConfigNode node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Object value = ((ScalarNode) node).value();
        if (value == null) {
            return "empty";
        }
        String kind = value instanceof String ? "text" : value instanceof Boolean ? "a boolean" : "a number";
        return kind + " " + Problem.quote(value);
    }
}

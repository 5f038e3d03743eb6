package io.aksflux.secret;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code configurationProtectedSettings} of one ARM resource as references, plus the keys whose values Azure
 * expects base64-encoded (aksflux encodes them, so the environment gives the raw secret).
 */
public record ProtectedSettings(Map<String, SecretReference> references, Set<String> base64Keys) {
    /** What plan shows in place of every value: the value is never read for a plan. */
    public static final String PLACEHOLDER = "(sensitive)";
    public static final String FIELD = "configurationProtectedSettings";
    public static final ProtectedSettings NONE = new ProtectedSettings(Map.of(), Set.of());

    public ProtectedSettings {
        references = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(references));
        base64Keys = Set.copyOf(base64Keys);
    }

    public boolean isEmpty() {
        return references.isEmpty();
    }

    /** Every key with {@link #PLACEHOLDER} as its value: the shape plan output shows. */
    public ObjectNode placeholders() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        references.keySet().forEach(key -> node.put(key, PLACEHOLDER));
        return node;
    }
}

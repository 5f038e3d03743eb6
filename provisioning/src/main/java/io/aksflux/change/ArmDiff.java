package io.aksflux.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.aksflux.secret.ProtectedSettings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Field-level difference between the body aksflux would PUT and what ARM returns on GET. ARM answers with
 * read-only fields, server defaults and nulls the PUT never sent, so only fields aksflux sends are compared —
 * except inside free-form maps (settings, kustomizations, substitutions), where a key ARM still has but the
 * environment no longer lists is a change too. Null, absent and empty lists are the same. Protected settings are
 * write-only (ARM never returns them), so they are never compared: see {@link #resent}.
 */
public final class ArmDiff {
    private static final Set<String> OPEN_MAPS = Set.of("configurationSettings", "kustomizations", "substitute",
            "repositoryRef"); // a ref that moves from branch to tag drops the branch: that is a change too
    private static final Set<String> WRITE_ONLY = Set.of(ProtectedSettings.FIELD);

    private ArmDiff() {
    }

    @JsonPropertyOrder({"path", "before", "after"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldChange(String path, JsonNode before, JsonNode after) {
    }

    public static List<FieldChange> diff(JsonNode desired, JsonNode actual) {
        List<FieldChange> changes = new ArrayList<>();
        compare("", desired, actual, false, changes);
        return changes;
    }

    private static void compare(String path, JsonNode desired, JsonNode actual, boolean openMap, List<FieldChange> out) {
        if (desired.isObject()) {
            JsonNode actualObject = actual != null && actual.isObject() ? actual : null;
            for (Iterator<String> it = desired.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (WRITE_ONLY.contains(key)) {
                    continue;
                }
                compare(join(path, key), desired.get(key), actualObject == null ? null : actualObject.get(key),
                        OPEN_MAPS.contains(key), out);
            }
            if (openMap && actualObject != null) {
                for (Iterator<String> it = actualObject.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!desired.has(key) && !isEmpty(actualObject.get(key))) {
                        out.add(new FieldChange(join(path, key), actualObject.get(key), null));
                    }
                }
            }
            return;
        }
        if (isEmpty(desired) && isEmpty(actual)) {
            return;
        }
        if (actual == null || !same(desired, actual)) {
            out.add(new FieldChange(path, actual == null || actual.isNull() ? null : actual, desired));
        }
    }

    /**
     * The entries of a deliberate re-send ({@code --resend-protected-settings}): one per protected setting, both
     * sides the placeholder, since neither the old nor the new value may be shown.
     */
    public static List<FieldChange> resent(ProtectedSettings settings) {
        TextNode hidden = TextNode.valueOf(ProtectedSettings.PLACEHOLDER);
        return settings.references().keySet().stream()
                .map(key -> new FieldChange("properties." + ProtectedSettings.FIELD + "." + key, hidden, hidden)).toList();
    }

    /** Numbers compare by value (300 == 300.0); everything else structurally. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isArray() && node.isEmpty());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

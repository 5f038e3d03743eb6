package io.aksflux.desired;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.secret.ProtectedSettings;

/**
 * A resource as aksflux wants it in Azure Resource Manager: its id, api-version and the PUT body. The body never
 * holds protected settings: they stay references until apply resolves them into {@link #bodyWith}.
 */
public record ArmResource(String type, String id, String apiVersion, ObjectNode body, ProtectedSettings protectedSettings) {

    public ArmResource(String type, String id, String apiVersion, ObjectNode body) {
        this(type, id, apiVersion, body, ProtectedSettings.NONE);
    }

    /** The body as plan shows it: protected settings present, every value {@link ProtectedSettings#PLACEHOLDER}. */
    public ObjectNode shownBody() {
        return protectedSettings.isEmpty() ? body : bodyWith(protectedSettings.placeholders());
    }

    /** The body apply PUTs: ARM replaces the resource, so the resolved protected settings go with every PUT. */
    public ObjectNode bodyWith(ObjectNode resolvedProtectedSettings) {
        ObjectNode copy = body.deepCopy();
        if (!protectedSettings.isEmpty()) {
            copy.withObject("/properties").set(ProtectedSettings.FIELD, resolvedProtectedSettings);
        }
        return copy;
    }
}

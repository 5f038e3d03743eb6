package io.aksflux.desired;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A resource as aksflux wants it in Azure Resource Manager: its id, api-version and the whole PUT body. */
public record ArmResource(String type, String id, String apiVersion, ObjectNode body) {
}

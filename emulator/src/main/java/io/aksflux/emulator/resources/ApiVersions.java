package io.aksflux.emulator.resources;

import io.aksflux.emulator.http.ArmError;
import io.aksflux.emulator.http.ArmRequest;

import java.util.List;

/** The api-versions a resource type answers to; anything else is refused the way ARM refuses it. */
public record ApiVersions(String type, List<String> supported) {

    public static ApiVersions of(String type, String... versions) {
        return new ApiVersions(type, List.of(versions));
    }

    public void require(ArmRequest request) {
        String version = request.apiVersion();
        if (version == null || version.isEmpty()) {
            throw ArmError.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!supported.contains(version)) {
            String shortType = type.substring(type.indexOf('/') + 1);
            throw ArmError.badRequest("NoRegisteredProviderFound", "No registered resource provider found for location 'westeurope' and API version '"
                    + version + "' for type '" + shortType + "'. The supported api-versions are '" + String.join(", ", supported) + "'.");
        }
    }
}

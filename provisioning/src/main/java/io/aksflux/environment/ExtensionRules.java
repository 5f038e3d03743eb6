package io.aksflux.environment;

import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.List;

/** Checks of the extension's upgrade fields against each other and the extensions api-version. */
final class ExtensionRules {
    private ExtensionRules() {
    }

    static List<Problem> check(MapNode config) {
        List<Problem> problems = new ArrayList<>();
        if (!(config.get("extension") instanceof MapNode ext)) {
            return problems;
        }
        // the spec: "To use 'version', autoUpgradeMinorVersion must be 'false'"; ARM defaults it to true
        if (ext.get("version") instanceof ScalarNode version && version.value() instanceof String
                && !(ext.get("autoUpgradeMinorVersion") instanceof ScalarNode auto && Boolean.FALSE.equals(auto.value()))) {
            String where = ext.entries().containsKey("autoUpgradeMinorVersion")
                    ? " (autoUpgradeMinorVersion: true at " + ext.entries().get("autoUpgradeMinorVersion").keyOrigin().render() + ")"
                    : " (autoUpgradeMinorVersion defaults to true)";
            problems.add(new Problem(version.origin(), "extension.version", "pinning version " + version.text()
                    + " needs extension.autoUpgradeMinorVersion: false" + where
                    + "; ARM refuses a pinned version that also auto-upgrades. Set it to false, or remove the version"));
        }
        // without an api-version the schema reports it missing
        String apiVersion = FluxSourceRules.text(config, "azure", "apiVersions", "extensions").orElse(null);
        if (ext.entries().containsKey("autoUpgradeMode") && apiVersion != null) {
            if (!ApiVersionFields.extensionHas(apiVersion, "autoUpgradeMode")) {
                problems.add(new Problem(ext.entries().get("autoUpgradeMode").keyOrigin(), "extension.autoUpgradeMode",
                        "extensions api-version " + apiVersion + " has no autoUpgradeMode; use "
                                + ApiVersionFields.versionsWith(ApiVersionFields.EXTENSIONS, "autoUpgradeMode")
                                + " in azure.apiVersions.extensions, or remove it"));
            }
        }
        return problems;
    }
}

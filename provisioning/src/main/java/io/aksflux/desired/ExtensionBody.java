package io.aksflux.desired;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.environment.Environment;
import io.aksflux.environment.Environment.ExtensionSpec;
import io.aksflux.secret.ProtectedSettings;

/** The {@code Microsoft.KubernetesConfiguration/extensions} PUT body for the environment's Flux extension. */
public final class ExtensionBody {
    public static final String TYPE = "Microsoft.KubernetesConfiguration/extensions";

    private ExtensionBody() {
    }

    public static ArmResource of(Environment env) {
        ExtensionSpec spec = env.extension();
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode properties = json.objectNode();
        properties.put("extensionType", spec.type());
        properties.put("autoUpgradeMinorVersion", spec.autoUpgradeMinorVersion());
        if (spec.autoUpgradeMinorVersion()) {
            // ARM accepts a release train only for extensions that auto-upgrade
            properties.put("releaseTrain", spec.releaseTrain());
        }
        if (spec.autoUpgradeMode() != null) {
            properties.put("autoUpgradeMode", spec.autoUpgradeMode());
        }
        if (spec.version() != null) {
            properties.put("version", spec.version());
        }
        properties.putObject("scope").putObject("cluster").put("releaseNamespace", spec.releaseNamespace());
        ObjectNode settings = properties.putObject("configurationSettings");
        spec.settings().forEach(settings::put);
        ObjectNode body = json.objectNode();
        body.set("properties", properties);
        // the extension's protected settings are passed to its Helm values as written: no encoding
        return new ArmResource(TYPE, id(env), env.azure().extensionsApiVersion(), body,
                new ProtectedSettings(spec.protectedSettings(), java.util.Set.of()));
    }

    public static String id(Environment env) {
        return env.azure().clusterId() + "/providers/" + TYPE + "/" + env.extension().name();
    }
}

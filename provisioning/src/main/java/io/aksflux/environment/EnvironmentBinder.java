package io.aksflux.environment;

import io.aksflux.environment.Environment.AzureTarget;
import io.aksflux.environment.Environment.EventHub;
import io.aksflux.environment.Environment.ExtensionSpec;
import io.aksflux.environment.Environment.FluxConfigurationSpec;
import io.aksflux.environment.Environment.KustomizationSpec;
import io.aksflux.environment.Environment.NotificationSpec;
import io.aksflux.environment.Environment.Repositories;
import io.aksflux.environment.Environment.Repository;
import io.aksflux.environment.Environment.SubstituteFrom;
import io.aksflux.secret.SecretReference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a configuration tree that passed the schema and the rules into the {@link Environment} model. It holds no
 * defaults of its own: the layout's facts come from its layout.yaml and the platform's from defaults.yaml, and the
 * schema's x-required makes sure a field the model needs is there. What stays here is what no layer can say: a
 * field that is absent means "not set" (sent as ARM's default, or not at all), and a rule that derives one field
 * from another (a kustomization's interval from the configuration's), each said where it is used.
 */
final class EnvironmentBinder {
    private EnvironmentBinder() {
    }

    static Environment bind(EnvironmentName name, Path file, Map<String, Object> v) {
        Map<String, Object> azure = map(v, "azure");
        Map<String, Object> api = map(azure, "apiVersions");
        Map<String, Object> ext = map(v, "extension");
        Map<String, Object> flux = map(v, "flux");

        AzureTarget target = new AzureTarget(str(azure, "subscriptionId"), str(azure, "tenantId"),
                required(azure, "resourceGroup"), required(azure, "cluster"),
                required(api, "extensions"), required(api, "fluxConfigurations"));
        List<Repository> repositories = new ArrayList<>();
        map(v, "repos").forEach((role, raw) -> {
            @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) raw;
            repositories.add(new Repository(role, required(r, "url"), required(r, "branch")));
        });
        ExtensionSpec extension = new ExtensionSpec(required(ext, "name"), required(ext, "type"),
                required(ext, "releaseTrain"), (Boolean) required(ext, "autoUpgradeMinorVersion", Boolean.class), str(ext, "version"),
                required(ext, "releaseNamespace"), strings(map(ext, "settings")),
                references(map(ext, "protectedSettings")), str(ext, "autoUpgradeMode"));

        Duration interval = Durations.parse(required(flux, "interval", Object.class));
        Duration timeout = Durations.parse(required(flux, "timeout", Object.class));
        List<KustomizationSpec> kustomizations = new ArrayList<>();
        map(flux, "kustomizations").forEach((kName, raw) -> {
            @SuppressWarnings("unchecked") Map<String, Object> k = (Map<String, Object>) raw;
            List<SubstituteFrom> from = new ArrayList<>();
            for (Object item : list(k, "substituteFrom")) {
                @SuppressWarnings("unchecked") Map<String, Object> f = (Map<String, Object>) item;
                from.add(new SubstituteFrom(str(f, "kind"), str(f, "name"), (Boolean) f.get("optional")));
            }
            // interval and timeout: the configuration's unless the kustomization has its own. prune, force and wait
            // also hold for a kustomization an environment adds under a new name, which no layer below it can give
            // them: prune as the layout's kustomizations do, force and wait as ARM defaults them.
            kustomizations.add(new KustomizationSpec(kName, required(k, "path"),
                    list(k, "dependsOn").stream().map(String::valueOf).toList(),
                    duration(k, "interval", interval), duration(k, "timeout", timeout), duration(k, "retryInterval", null),
                    bool(k, "prune", true), bool(k, "force", false), bool(k, "wait", true),
                    strings(map(k, "substitute")), from));
        });
        // suspend: absent is ARM's own default, a configuration that reconciles
        FluxConfigurationSpec fluxSpec = new FluxConfigurationSpec(required(flux, "name"),
                required(flux, "namespace"), required(flux, "scope"), required(flux, "source"),
                interval, timeout, bool(flux, "suspend", false), kustomizations,
                references(map(flux, "protectedSettings")), gitRepository(map(flux, "gitRepository")));

        return new Environment(name, file, required(v, "layout"), target, new Repositories(repositories), extension, fluxSpec,
                notifications(map(v, "notifications"), target), v);
    }

    /** No {@code notifications} at all (a layer set it to null) is no notifications; else the schema required each field. */
    private static NotificationSpec notifications(Map<String, Object> notes, AzureTarget target) {
        if (notes.isEmpty()) {
            return new NotificationSpec(false, null, null, null, null, null, new EventHub(target.resourceGroup(), null, null, null),
                    List.of(), Map.of(), null, null, new Environment.KeyVaultTarget(null, null));
        }
        Map<String, Object> hub = map(notes, "eventHub");
        // the Event Hub namespace sits in the cluster's resource group unless it is said to be elsewhere
        return new NotificationSpec((Boolean) required(notes, "enabled", Boolean.class),
                required(notes, "provider"), required(notes, "alert"), required(notes, "auth"), required(notes, "secretName"),
                required(notes, "severity"),
                new EventHub(str(hub, "resourceGroup") == null ? target.resourceGroup() : str(hub, "resourceGroup"),
                        str(hub, "namespace"), str(hub, "name"), str(hub, "authorizationRule")),
                list(notes, "inclusionList").stream().map(String::valueOf).toList(),
                strings(map(notes, "eventMetadata")),
                notes.get("connectionString") == null ? null : reference("notifications.connectionString", notes.get("connectionString")),
                required(notes, "delivery"),
                new Environment.KeyVaultTarget(str(map(notes, "keyVault"), "vault"), str(map(notes, "keyVault"), "secret")));
    }

    private static GitRepositorySpec gitRepository(Map<String, Object> git) {
        Map<String, Object> ref = map(git, "repositoryRef");
        return new GitRepositorySpec(str(ref, "tag"), str(ref, "semver"), str(ref, "commit"),
                str(git, "provider"), str(git, "sshKnownHosts"), str(git, "httpsCACert"),
                str(git, "localAuthRef"), str(git, "httpsUser"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static List<?> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> l ? l : List.of();
    }

    /** A field that may be absent (not set): null then. */
    private static String str(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static String required(Map<String, Object> parent, String key) {
        return String.valueOf(required(parent, key, Object.class));
    }

    /** A field the schema requires once the layers are merged: its absence here is a schema defect, not bad input. */
    private static Object required(Map<String, Object> parent, String key, Class<?> type) {
        Object value = parent.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalStateException(key + " passed validation without a " + type.getSimpleName() + " value");
        }
        return value;
    }

    private static boolean bool(Map<String, Object> parent, String key, boolean fallback) {
        Object value = parent.get(key);
        return value instanceof Boolean b ? b : fallback;
    }

    private static Duration duration(Map<String, Object> parent, String key, Duration fallback) {
        Object value = parent.get(key);
        return value == null ? fallback : Durations.parse(value);
    }

    /** Protected settings are references (the schema refused anything else); their values are read at apply time. */
    private static Map<String, SecretReference> references(Map<String, Object> raw) {
        Map<String, SecretReference> out = new LinkedHashMap<>();
        raw.forEach((k, val) -> out.put(k, reference(k, val)));
        return out;
    }

    private static SecretReference reference(String field, Object value) {
        return SecretReference.parse(String.valueOf(value))
                .orElseThrow(() -> new IllegalStateException(field + " is not a secret reference"));
    }

    /** Settings and substitutions are sent as strings, whatever YAML type they were written as. */
    private static Map<String, String> strings(Map<String, Object> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, val) -> out.put(k, val == null ? "" : String.valueOf(val)));
        return out;
    }
}

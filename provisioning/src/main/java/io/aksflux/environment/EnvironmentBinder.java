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

/** Turns a configuration tree that passed the schema and the rules into the {@link Environment} model. */
final class EnvironmentBinder {
    static final String DEFAULT_EXTENSIONS_API = "2025-03-01";
    static final String DEFAULT_FLUX_API = "2025-04-01";

    private EnvironmentBinder() {
    }

    static Environment bind(EnvironmentName name, Path file, Map<String, Object> v) {
        Map<String, Object> azure = map(v, "azure");
        Map<String, Object> api = map(azure, "apiVersions");
        Map<String, Object> repos = map(v, "repos");
        Map<String, Object> ext = map(v, "extension");
        Map<String, Object> flux = map(v, "flux");
        Map<String, Object> notes = map(v, "notifications");

        AzureTarget target = new AzureTarget(str(azure, "subscriptionId", null), str(azure, "tenantId", null),
                str(azure, "resourceGroup", null), str(azure, "cluster", null),
                str(api, "extensions", DEFAULT_EXTENSIONS_API), str(api, "fluxConfigurations", DEFAULT_FLUX_API));
        Repositories repositories = new Repositories(repo("core", map(repos, "core")), repo("services", map(repos, "services")));
        ExtensionSpec extension = new ExtensionSpec(str(ext, "name", "flux"), str(ext, "type", "microsoft.flux"),
                str(ext, "releaseTrain", "Stable"), bool(ext, "autoUpgradeMinorVersion", true), str(ext, "version", null),
                str(ext, "releaseNamespace", "flux-system"), strings(map(ext, "settings")),
                references(map(ext, "protectedSettings")), str(ext, "autoUpgradeMode", null));

        Duration interval = duration(flux, "interval", Duration.ofSeconds(300));
        Duration timeout = duration(flux, "timeout", Duration.ofSeconds(180));
        List<KustomizationSpec> kustomizations = new ArrayList<>();
        map(flux, "kustomizations").forEach((kName, raw) -> {
            @SuppressWarnings("unchecked") Map<String, Object> k = (Map<String, Object>) raw;
            List<SubstituteFrom> from = new ArrayList<>();
            for (Object item : list(k, "substituteFrom")) {
                @SuppressWarnings("unchecked") Map<String, Object> f = (Map<String, Object>) item;
                from.add(new SubstituteFrom(str(f, "kind", null), str(f, "name", null), (Boolean) f.get("optional")));
            }
            kustomizations.add(new KustomizationSpec(kName, str(k, "path", null),
                    list(k, "dependsOn").stream().map(String::valueOf).toList(),
                    duration(k, "interval", interval), duration(k, "timeout", timeout), duration(k, "retryInterval", null),
                    bool(k, "prune", true), bool(k, "force", false), bool(k, "wait", true),
                    strings(map(k, "substitute")), from));
        });
        FluxConfigurationSpec fluxSpec = new FluxConfigurationSpec(str(flux, "name", "flux-config"),
                str(flux, "namespace", "flux-config"), str(flux, "scope", "cluster"), str(flux, "source", "core"),
                interval, timeout, bool(flux, "suspend", false), kustomizations,
                references(map(flux, "protectedSettings")), gitRepository(map(flux, "gitRepository")));

        Map<String, Object> hub = map(notes, "eventHub");
        NotificationSpec notifications = new NotificationSpec(bool(notes, "enabled", false),
                str(notes, "provider", "azureeventhub"), str(notes, "alert", "azureeventhub-alert"),
                str(notes, "auth", "secret"), str(notes, "secretName", "adp-platform-secrets"),
                str(notes, "severity", "info"),
                new EventHub(str(hub, "resourceGroup", target.resourceGroup()), str(hub, "namespace", null),
                        str(hub, "name", null), str(hub, "authorizationRule", null)),
                list(notes, "inclusionList").stream().map(String::valueOf).toList(),
                strings(map(notes, "eventMetadata")),
                notes.get("connectionString") == null ? null : reference("notifications.connectionString", notes.get("connectionString")),
                str(notes, "delivery", NotificationSpec.DELIVERY_SECRET),
                new Environment.KeyVaultTarget(str(map(notes, "keyVault"), "vault", null), str(map(notes, "keyVault"), "secret", null)));

        return new Environment(name, file, str(v, "layout", "adp"), target, repositories, extension, fluxSpec,
                notifications, v);
    }

    private static GitRepositorySpec gitRepository(Map<String, Object> git) {
        Map<String, Object> ref = map(git, "repositoryRef");
        return new GitRepositorySpec(str(ref, "tag", null), str(ref, "semver", null), str(ref, "commit", null),
                str(git, "provider", null), str(git, "sshKnownHosts", null), str(git, "httpsCACert", null),
                str(git, "localAuthRef", null), str(git, "httpsUser", null));
    }

    private static Repository repo(String role, Map<String, Object> r) {
        return new Repository(role, str(r, "url", null), str(r, "branch", "main"));
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

    private static String str(Map<String, Object> parent, String key, String fallback) {
        Object value = parent.get(key);
        return value == null ? fallback : String.valueOf(value);
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

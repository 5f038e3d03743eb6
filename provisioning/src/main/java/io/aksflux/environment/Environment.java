package io.aksflux.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated environment: everything the engine needs, with defaults applied and references resolved. */
public record Environment(
        EnvironmentName name,
        Path file,
        String layout,
        AzureTarget azure,
        Repositories repos,
        ExtensionSpec extension,
        FluxConfigurationSpec flux,
        NotificationSpec notifications,
        Map<String, Object> values) implements io.aksflux.template.TemplateValues {

    public Environment {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** A scalar field (or a fact of the name) as text, for templates that reference it as {{a.b.c}}. */
    @Override
    public Optional<String> lookup(String dottedPath) {
        Optional<String> fact = name.fact(dottedPath);
        if (fact.isPresent()) {
            return fact;
        }
        return value(dottedPath).filter(v -> !(v instanceof Map) && !(v instanceof List)).map(String::valueOf);
    }

    /** Any field of the layered configuration, scalar, list or mapping. */
    @Override
    public Optional<Object> value(String dottedPath) {
        Object current = values;
        for (String segment : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                return Optional.empty();
            }
            current = map.get(segment);
        }
        return Optional.ofNullable(current);
    }

    /** {@code seed.like}: the sibling instance a new instance's folders are copied from; empty for the layout's skeleton. */
    public Optional<String> seedLike() {
        return lookup("seed.like");
    }

    /** {@code seed.verify}: how a seed checks the kustomize builds it touches ({@code java}, {@code kubectl}, {@code none}). */
    public String seedVerify() {
        // in code, not defaults.yaml: the check is aksflux's own safety net, on unless a layer turns it off
        return lookup("seed.verify").orElse("java");
    }

    /** The author of seed commits ({@code git.author}); empty when no layer names one (the Git configuration decides). */
    public Optional<GitAuthor> gitAuthor() {
        return lookup("git.author.name").map(n -> new GitAuthor(n, lookup("git.author.email").orElse("")));
    }

    /** {@code deployKeys}: the SSH deploy keys aksflux keeps for Flux sources; none when no layer lists any. */
    public List<DeployKeySpec> deployKeys() {
        return DeployKeySpec.of(values, flux.namespace());
    }

    public record GitAuthor(String name, String email) {
    }

    public record AzureTarget(String subscriptionId, String tenantId, String resourceGroup, String cluster,
                              String extensionsApiVersion, String fluxConfigurationsApiVersion) {
        /** ARM id of the managed cluster. */
        public String clusterId() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.ContainerService/managedClusters/" + cluster;
        }
    }

    public record Repository(String role, String url, String branch) {
    }

    /** The environment's Git repositories, one per role its layout declares, in the order the layers list them. */
    public record Repositories(List<Repository> all) {
        public Repositories {
            all = List.copyOf(all);
        }

        public static Repositories of(Repository... repositories) {
            return new Repositories(List.of(repositories));
        }

        public List<String> roles() {
            return all.stream().map(Repository::role).toList();
        }

        /** The repository of a role; the loader made sure every role the layout names has one. */
        public Repository byRole(String role) {
            return all.stream().filter(r -> r.role().equals(role)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "unknown repository role '" + role + "'; this environment's: " + String.join(", ", roles())));
        }
    }

    /** @param autoUpgradeMode {@code none}, {@code patch} or {@code compatible}; null: not sent (ARM's default) */
    public record ExtensionSpec(String name, String type, String releaseTrain, boolean autoUpgradeMinorVersion,
                                String version, String releaseNamespace, Map<String, String> settings,
                                Map<String, io.aksflux.secret.SecretReference> protectedSettings,
                                String autoUpgradeMode) {
    }

    public record FluxConfigurationSpec(String name, String namespace, String scope, String sourceRepo,
                                        Duration interval, Duration timeout, boolean suspend,
                                        List<KustomizationSpec> kustomizations,
                                        Map<String, io.aksflux.secret.SecretReference> protectedSettings,
                                        GitRepositorySpec gitRepository) {
        /** Flux names the objects it creates {@code <config>-<kustomization>}. */
        public String objectName(KustomizationSpec kustomization) {
            return name + "-" + kustomization.name();
        }
    }

    public record KustomizationSpec(String name, String path, List<String> dependsOn, Duration interval,
                                    Duration timeout, Duration retryInterval, boolean prune, boolean force,
                                    boolean waitForReady, Map<String, String> substitute,
                                    List<SubstituteFrom> substituteFrom) {
    }

    public record SubstituteFrom(String kind, String name, Boolean optional) {
    }

    /**
     * @param connectionString where the Event Hub connection string lives instead of listKeys; null: listKeys
     * @param delivery         how the value reaches {@code secretName}: {@code secret} (aksflux applies it) or
     *                         {@code keyVault} (aksflux writes {@code keyVault}; a controller on the cluster owns the Secret)
     */
    public record NotificationSpec(boolean enabled, String provider, String alert, String auth, String secretName,
                                   String severity, EventHub eventHub, List<String> inclusionList,
                                   Map<String, String> eventMetadata, io.aksflux.secret.SecretReference connectionString,
                                   String delivery, KeyVaultTarget keyVault) {
        public static final String DELIVERY_SECRET = "secret";
        public static final String DELIVERY_KEY_VAULT = "keyVault";

        public boolean usesSecret() {
            return enabled && "secret".equals(auth);
        }

        /** aksflux puts the Secret into the cluster itself. */
        public boolean deliversSecret() {
            return usesSecret() && !DELIVERY_KEY_VAULT.equals(delivery);
        }

        /** aksflux writes the Key Vault secret another controller turns into the cluster's Secret. */
        public boolean deliversThroughKeyVault() {
            return usesSecret() && DELIVERY_KEY_VAULT.equals(delivery);
        }
    }

    /** A Key Vault secret by vault and name; either may be null when not configured. */
    public record KeyVaultTarget(String vault, String secret) {
    }

    public record EventHub(String resourceGroup, String namespace, String name, String authorizationRule) {
    }
}

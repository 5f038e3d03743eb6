package io.aksflux.emulator.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.emulator.flux.SimulatedFlux;
import io.aksflux.emulator.http.ArmError;
import io.aksflux.emulator.spec.ArmSpecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flux configurations ({@code Microsoft.KubernetesConfiguration/fluxConfigurations}). They need the
 * {@code microsoft.flux} extension on the cluster; once written, {@link SimulatedFlux} reconciles them and GET
 * reports its {@code statuses} and {@code complianceState} next to what was PUT and the server's defaults.
 */
public final class FluxConfigurations extends KubernetesConfigurationResources implements SimulatedKubectl.FluxCluster {
    public static final String TYPE = "Microsoft.KubernetesConfiguration/fluxConfigurations";

    private final Extensions extensions;
    private final SimulatedFlux flux;
    private final Map<String, String> generatedKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.function.Supplier<Optional<String>> nextFailure;

    public FluxConfigurations(ArmSpecs specs, EmulatorClock clock, AsyncOperations operations, Extensions extensions, SimulatedFlux flux) {
        this(specs, clock, operations, extensions, flux, Optional::empty);
    }

    /** @param nextFailure asked as each write begins: the message its operation is to end Failed with, if any (a fault) */
    public FluxConfigurations(ArmSpecs specs, EmulatorClock clock, AsyncOperations operations, Extensions extensions, SimulatedFlux flux,
                              java.util.function.Supplier<Optional<String>> nextFailure) {
        super(TYPE, specs, clock, operations);
        this.extensions = extensions;
        this.flux = flux;
        this.nextFailure = nextFailure;
    }

    @Override
    protected AsyncOperations.Operation beginWrite(Stored stored) {
        return nextFailure.get()
                .map(message -> operations.begin(stored.id, "FluxConfigurationOperationFailed", message))
                .orElseGet(() -> operations.begin(stored.id));
    }

    @Override
    protected List<String> missingRequired(JsonNode body) {
        List<String> missing = new ArrayList<>();
        if (body.at("/properties/sourceKind").asText("GitRepository").equals("GitRepository")) {
            missing.addAll(requirePresent(body, "/properties/gitRepository/url"));
            JsonNode ref = body.at("/properties/gitRepository/repositoryRef");
            if (!List.of("branch", "tag", "semver", "commit").stream().anyMatch(f -> ref.hasNonNull(f) && !ref.get(f).asText().isBlank())) {
                missing.add("$.properties.gitRepository.repositoryRef: one of branch, tag, semver or commit is required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.at("/properties/kustomizations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> k = it.next();
            for (JsonNode dep : k.getValue().path("dependsOn")) {
                if (!body.at("/properties/kustomizations").has(dep.asText())) {
                    missing.add("$.properties.kustomizations." + k.getKey() + ".dependsOn: kustomization '" + dep.asText() + "' is not defined");
                }
            }
        }
        return missing;
    }

    @Override
    protected void checkWrite(Optional<ObjectNode> before, JsonNode properties, String clusterId) {
        if (!extensions.fluxInstalled(clusterId)) {
            throw ArmError.badRequest("BadRequest", "The 'microsoft.flux' extension is not installed on cluster '"
                    + clusterId.substring(clusterId.lastIndexOf('/') + 1) + "'. Install an extension of type 'microsoft.flux' "
                    + "(and wait for it to succeed) before creating a flux configuration.");
        }
    }

    /** A HelmRelease that simulated Flux runs on the cluster now, from whichever of its flux configurations applies it. */
    @Override
    public Optional<SimulatedFlux.HelmRelease> helmRelease(String clusterId, String namespace, String name) {
        for (Stored stored : under(clusterId)) {
            if (!stored.deleting) {
                Optional<SimulatedFlux.HelmRelease> found = flux.helmRelease(stored.id, stored.name, stored.properties, clock.now(),
                        new io.aksflux.emulator.flux.ObjectRef(namespace, name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The clock's now, for what reports ages (kubectl's LAST SEEN). */
    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    protected void written(Stored stored) {
        flux.configure(stored.id, stored.name, stored.properties, clock.now(), stored.operation.end());
    }

    @Override
    protected void removed(Stored stored) {
        flux.forget(stored.id);
        generatedKeys.remove(stored.id);
    }

    @Override
    protected ObjectNode properties(Stored stored) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("scope", "cluster");
        defaults.put("namespace", "default");
        defaults.put("sourceKind", "GitRepository");
        defaults.put("suspend", false);
        ObjectNode p = withDefaults(stored.properties, defaults);
        if (p.has("gitRepository")) {
            p.set("gitRepository", gitRepository(p.get("gitRepository")));
        } else {
            p.putNull("gitRepository");
        }
        for (String source : List.of("bucket", "azureBlob", "ociRepository")) {
            if (!p.has(source)) {
                p.putNull(source);
            }
        }
        ObjectNode kustomizations = p.putObject("kustomizations");
        stored.properties.path("kustomizations").fields().forEachRemaining(k -> kustomizations.set(k.getKey(), kustomization(k.getKey(), k.getValue())));
        p.putObject("configurationProtectedSettings");
        if (!p.has("waitForReconciliation")) {
            p.putNull("waitForReconciliation");
        }
        if (!p.has("reconciliationWaitDuration")) {
            p.putNull("reconciliationWaitDuration");
        }
        Instant now = clock.now();
        SimulatedFlux.Report report = stored.deleting ? null : flux.report(stored.id, stored.name, stored.properties, now);
        p.set("statuses", report == null ? JSON.arrayNode() : report.statuses());
        p.put("repositoryPublicKey", publicKey(stored));
        p.put("sourceSyncedCommitId", report == null ? "" : report.sourceSyncedCommitId());
        p.put("sourceUpdatedAt", report == null || report.sourceUpdatedAt() == null ? null : report.sourceUpdatedAt().toString());
        p.put("statusUpdatedAt", now.toString());
        p.put("complianceState", report == null ? "Pending" : report.complianceState());
        p.put("provisioningState", stored.provisioningState);
        p.put("errorMessage", stored.error == null ? "" : stored.error);
        return p;
    }

    /**
     * As the real service does: for an SSH source with neither {@code sshPrivateKey} nor {@code localAuthRef}, the
     * cluster generates a key pair and reports the public key, to be added to the repository as a deploy key.
     */
    private String publicKey(Stored stored) {
        JsonNode git = stored.properties.path("gitRepository");
        String url = git.path("url").asText("");
        boolean ssh = url.startsWith("ssh://") || url.startsWith("git@");
        if (!ssh || stored.protectedKeys.contains("sshPrivateKey") || !git.path("localAuthRef").asText("").isEmpty()) {
            generatedKeys.remove(stored.id);
            return "";
        }
        return generatedKeys.computeIfAbsent(stored.id, id -> SshPublicKey.generate());
    }

    private static ObjectNode gitRepository(JsonNode git) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("timeoutInSeconds", 600);
        defaults.put("syncIntervalInSeconds", 600);
        for (String nullable : List.of("sshKnownHosts", "httpsUser", "httpsCACert", "localAuthRef", "provider")) {
            defaults.put(nullable, null);
        }
        ObjectNode out = withDefaults(git, defaults);
        Map<String, Object> refDefaults = new LinkedHashMap<>();
        for (String field : List.of("branch", "tag", "semver", "commit")) {
            refDefaults.put(field, null);
        }
        out.set("repositoryRef", withDefaults(git.get("repositoryRef"), refDefaults));
        return out;
    }

    private static ObjectNode kustomization(String name, JsonNode k) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("path", "");
        defaults.put("dependsOn", JSON.arrayNode());
        defaults.put("timeoutInSeconds", 600);
        defaults.put("syncIntervalInSeconds", 600);
        defaults.put("retryIntervalInSeconds", null);
        defaults.put("prune", false);
        defaults.put("force", false);
        defaults.put("wait", true);
        defaults.put("postBuild", null);
        ObjectNode out = JSON.objectNode().put("name", name);
        out.setAll(withDefaults(k, defaults));
        return out;
    }
}

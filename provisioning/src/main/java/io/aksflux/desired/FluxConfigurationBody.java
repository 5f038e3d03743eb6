package io.aksflux.desired;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.environment.Environment;
import io.aksflux.environment.Environment.FluxConfigurationSpec;
import io.aksflux.environment.Environment.KustomizationSpec;
import io.aksflux.environment.Environment.Repository;
import io.aksflux.environment.GitRepositorySpec;
import io.aksflux.secret.ProtectedSettings;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import java.util.Set;

/** The {@code Microsoft.KubernetesConfiguration/fluxConfigurations} PUT body: Git source and kustomizations. */
public final class FluxConfigurationBody {
    public static final String TYPE = "Microsoft.KubernetesConfiguration/fluxConfigurations";
    /**
     * Protected settings Flux's agent expects base64-encoded, as {@code az k8s-configuration flux} sends them
     * (HTTPS password or token, SSH private key, bucket secret key, bearer token). Others, such as a plaintext
     * {@code httpsUser} (which belongs in {@code gitRepository.httpsUser}), go as written.
     */
    public static final Set<String> BASE64_SETTINGS = Set.of("httpsKey", "sshPrivateKey", "bucketSecretKey", "bearerToken");

    private FluxConfigurationBody() {
    }

    public static ArmResource of(Environment env) {
        FluxConfigurationSpec flux = env.flux();
        Repository source = env.repos().byRole(flux.sourceRepo());
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode properties = json.objectNode();
        properties.put("scope", flux.scope());
        properties.put("namespace", flux.namespace());
        properties.put("sourceKind", "GitRepository");
        properties.put("suspend", flux.suspend());
        ObjectNode git = properties.putObject("gitRepository");
        git.put("url", source.url());
        git.put("timeoutInSeconds", flux.timeout().getSeconds());
        git.put("syncIntervalInSeconds", flux.interval().getSeconds());
        gitRepositoryFields(git, source.branch(), flux.gitRepository());
        ObjectNode kustomizations = properties.putObject("kustomizations");
        for (KustomizationSpec k : flux.kustomizations()) {
            kustomizations.set(k.name(), kustomization(k));
        }
        ObjectNode body = json.objectNode();
        body.set("properties", properties);
        return new ArmResource(TYPE, id(env), env.azure().fluxConfigurationsApiVersion(), body,
                new ProtectedSettings(flux.protectedSettings(), BASE64_SETTINGS));
    }

    /**
     * The ref (exactly one field, as {@code az k8s-configuration flux} sends it: a pinned tag, semver range or commit,
     * else the branch) and the authentication fields, {@code sshKnownHosts} and {@code httpsCACert} base64-encoded as
     * the spec wants them.
     */
    private static void gitRepositoryFields(ObjectNode git, String branch, GitRepositorySpec spec) {
        ObjectNode ref = git.putObject("repositoryRef");
        if (spec.commit() != null) {
            ref.put("commit", spec.commit());
        } else if (spec.semver() != null) {
            ref.put("semver", spec.semver());
        } else if (spec.tag() != null) {
            ref.put("tag", spec.tag());
        } else {
            ref.put("branch", branch);
        }
        putIfSet(git, "provider", spec.provider());
        putIfSet(git, "sshKnownHosts", base64(spec.sshKnownHosts()));
        putIfSet(git, "httpsCACert", base64(spec.httpsCACert()));
        putIfSet(git, "localAuthRef", spec.localAuthRef());
        putIfSet(git, "httpsUser", spec.httpsUser());
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String base64(String text) {
        return text == null ? null : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode kustomization(KustomizationSpec k) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("path", k.path());
        k.dependsOn().forEach(node.putArray("dependsOn")::add);
        if (k.dependsOn().isEmpty()) {
            node.putArray("dependsOn");
        }
        node.put("timeoutInSeconds", k.timeout().getSeconds());
        node.put("syncIntervalInSeconds", k.interval().getSeconds());
        if (k.retryInterval() != null) {
            node.put("retryIntervalInSeconds", k.retryInterval().getSeconds());
        }
        node.put("prune", k.prune());
        node.put("force", k.force());
        node.put("wait", k.waitForReady());
        if (!k.substitute().isEmpty() || !k.substituteFrom().isEmpty()) {
            ObjectNode postBuild = node.putObject("postBuild");
            if (!k.substitute().isEmpty()) {
                ObjectNode substitute = postBuild.putObject("substitute");
                k.substitute().forEach(substitute::put);
            }
            if (!k.substituteFrom().isEmpty()) {
                var from = postBuild.putArray("substituteFrom");
                k.substituteFrom().forEach(f -> {
                    ObjectNode item = from.addObject().put("kind", f.kind()).put("name", f.name());
                    if (f.optional() != null) {
                        item.put("optional", f.optional());
                    }
                });
            }
        }
        return node;
    }

    public static String id(Environment env) {
        return env.azure().clusterId() + "/providers/" + TYPE + "/" + env.flux().name();
    }
}

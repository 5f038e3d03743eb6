package io.aksflux.apply;

import io.aksflux.base.Waiter;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmIds;
import io.aksflux.desired.ArmResource;
import io.aksflux.environment.Environment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks that apply can work before it writes anything: the resource providers are registered (or registers
 * them when asked), the cluster exists, is Succeeded and Running and has a managed identity, and no operation
 * is in flight on the resources aksflux manages (else waits for it). It reports how the cluster is reached (Entra ID,
 * local accounts, private API server, run command) and stops when a stage needs run command the cluster refuses.
 * A provider is read only when nothing read already proves it Registered: ARM answers no read of a resource under an
 * unregistered provider and unregisters none while resources of it exist, so the cluster proves
 * Microsoft.ContainerService and an existing extension or flux configuration Microsoft.KubernetesConfiguration (a
 * re-apply reads neither provider; a first install reads Microsoft.KubernetesConfiguration).
 */
final class Preflight {
    private static final String CONTAINER_SERVICE = "Microsoft.ContainerService";
    static final List<String> PROVIDERS = List.of("Microsoft.KubernetesConfiguration", CONTAINER_SERVICE);

    private final ArmWriter writer;
    private final Pacing pacing;
    private final Progress progress;
    private final RegisteredProviders registered;

    Preflight(ArmWriter writer, Pacing pacing, Progress progress, RegisteredProviders registered) {
        this.writer = writer;
        this.pacing = pacing;
        this.progress = progress;
        this.registered = registered;
    }

    String run(Environment env, List<ArmResource> managed, boolean registerProviders, Duration timeout) {
        return run(env, managed, registerProviders, timeout, false);
    }

    /** @param needsRunCommand the notifications stage will run a command in the cluster */
    String run(Environment env, List<ArmResource> managed, boolean registerProviders, Duration timeout, boolean needsRunCommand) {
        JsonNode cluster = cluster(env, registerProviders, timeout);
        ClusterAccess access = ClusterAccess.of(cluster);
        progress.info("cluster " + env.azure().cluster() + ": " + access.describe());
        if (needsRunCommand) {
            runCommandPossible(env, access);
        }
        for (ArmResource resource : managed) {
            awaitIdle(env, resource, registerProviders, timeout);
        }
        for (String namespace : PROVIDERS) { // what no resource read proved
            ensure(env, namespace, registerProviders, timeout);
        }
        return "providers registered, cluster " + env.azure().cluster() + " Succeeded and Running, no operation in flight";
    }

    private void ensure(Environment env, String namespace, boolean registerProviders, Duration timeout) {
        registered.ensure(env.azure().subscriptionId(), namespace, () -> provider(env, namespace, registerProviders, timeout));
    }

    /**
     * The first read of a resource of provider {@code namespace}: an answer proves the provider Registered when the
     * resource exists; a refusal for want of registration is the provider's, so the provider is checked (its error names
     * the fix, or it is registered when asked) before the resource is read again. Any other refusal stops the run.
     */
    private Optional<JsonNode> firstRead(Environment env, String namespace, Supplier<Optional<JsonNode>> read,
                                         boolean registerProviders, Duration timeout) {
        boolean checked = PROVIDERS.stream().anyMatch(namespace::equalsIgnoreCase);
        Optional<JsonNode> found;
        try {
            found = read.get();
        } catch (ArmException e) {
            if (!checked || !refusedForRegistration(e)) { // a 401, 403, 5xx is no provider's: it stops the run as it is
                throw e;
            }
            ensure(env, namespace, registerProviders, timeout);
            found = read.get();
        }
        if (found.isPresent() && checked) {
            registered.proven(env.azure().subscriptionId(), namespace);
        }
        return found;
    }

    /** ARM's answer to a request under a provider the subscription is not registered for (409 MissingSubscriptionRegistration). */
    private static boolean refusedForRegistration(ArmException e) {
        return "MissingSubscriptionRegistration".equalsIgnoreCase(e.code()) || "SubscriptionNotRegistered".equalsIgnoreCase(e.code());
    }

    private void provider(Environment env, String namespace, boolean register, Duration timeout) {
        String id = ArmIds.provider(env, namespace);
        String state = registration(id);
        if (state.equalsIgnoreCase("Registered")) {
            return;
        }
        if (!register && !state.equalsIgnoreCase("Registering")) {
            throw new ProvisioningFailedException("resource provider " + namespace + " is " + (state.isEmpty() ? "not registered" : state)
                    + " in subscription " + env.azure().subscriptionId()
                    + "; re-run registering the providers, or run: az provider register --namespace " + namespace);
        }
        if (!state.equalsIgnoreCase("Registering")) {
            progress.info("registering resource provider " + namespace);
            writer.retryingConflicts(namespace, () -> writer.gateway().post(id + "/register", ArmIds.PROVIDERS_API));
        }
        new Waiter(pacing, progress).await("resource provider " + namespace + " to register", timeout, () -> {
            String now = registration(id);
            return now.equalsIgnoreCase("Registered") ? Waiter.Poll.done(now) : Waiter.Poll.pending(now, now, Optional.empty());
        });
    }

    private String registration(String providerId) {
        return writer.gateway().get(providerId, ArmIds.PROVIDERS_API).map(p -> p.path("registrationState").asText("")).orElse("");
    }

    /** The checks AKS would otherwise fail the notifications stage with, after earlier stages had written. */
    private void runCommandPossible(Environment env, ClusterAccess access) {
        String cluster = env.azure().cluster();
        if (access.runCommandDisabled()) {
            throw new ProvisioningFailedException("cluster " + cluster + " has run command disabled (apiServerAccessProfile.disableRunCommand: true)"
                    + " and the notifications stage delivers its secret through run command; re-run skipping the notifications stage, or enable it:"
                    + " az aks update -g " + env.azure().resourceGroup() + " -n " + cluster + " --enable-run-command");
        }
        if (access.needsClusterToken() && writer.gateway().clusterToken().isEmpty()) {
            throw new ProvisioningFailedException(ClusterAccess.noClusterToken(cluster) + "; or re-run skipping the notifications stage");
        }
    }

    private JsonNode cluster(Environment env, boolean registerProviders, Duration timeout) {
        String id = env.azure().clusterId();
        Optional<JsonNode> found = firstRead(env, CONTAINER_SERVICE, () -> writer.gateway().get(id, ArmIds.MANAGED_CLUSTERS_API),
                registerProviders, timeout);
        if (found.isEmpty()) {
            ensure(env, CONTAINER_SERVICE, registerProviders, timeout); // an unregistered provider is the likelier cause
        }
        JsonNode cluster = found.orElseThrow(() -> new ProvisioningFailedException(
                "cluster " + env.azure().cluster() + " not found in resource group " + env.azure().resourceGroup()
                        + " of subscription " + env.azure().subscriptionId() + " (" + env.file() + ": azure.cluster)"));
        String provisioning = cluster.path("properties").path("provisioningState").asText("");
        String power = cluster.path("properties").path("powerState").path("code").asText("");
        String identity = cluster.path("identity").path("type").asText("");
        if (!provisioning.equalsIgnoreCase("Succeeded")) {
            throw new ProvisioningFailedException("cluster " + env.azure().cluster() + " is " + provisioning + ", not Succeeded; wait for its operation to finish");
        }
        if (!power.isEmpty() && !power.equalsIgnoreCase("Running")) {
            throw new ProvisioningFailedException("cluster " + env.azure().cluster() + " is " + power + "; start it first (az aks start)");
        }
        if (!identity.contains("Assigned")) {
            throw new ProvisioningFailedException("cluster " + env.azure().cluster() + " has no managed identity (identity type '" + identity
                    + "'); the microsoft.flux extension needs a system- or user-assigned identity");
        }
        return cluster;
    }

    private void awaitIdle(Environment env, ArmResource resource, boolean registerProviders, Duration timeout) {
        Optional<JsonNode> first = firstRead(env, namespace(resource), () -> writer.gateway().get(resource.id(), resource.apiVersion()),
                registerProviders, timeout);
        boolean[] asked = {false};
        new Waiter(pacing, progress).await("the operation in flight on " + name(resource), timeout, () -> {
            Optional<ResourceState> state = (asked[0] ? writer.gateway().get(resource.id(), resource.apiVersion()) : first).map(ResourceState::of);
            asked[0] = true;
            return state.isEmpty() || !state.get().inFlight() ? Waiter.Poll.done(state)
                    : Waiter.Poll.pending(state, state.get().provisioningState(), Optional.empty());
        });
    }

    /** The provider a resource belongs to: the namespace after its id's last {@code /providers/}. */
    private static String namespace(ArmResource resource) {
        String type = name(resource);
        return type.substring(0, type.indexOf('/'));
    }

    private static String name(ArmResource resource) {
        return resource.id().substring(resource.id().lastIndexOf("/providers/") + "/providers/".length());
    }
}

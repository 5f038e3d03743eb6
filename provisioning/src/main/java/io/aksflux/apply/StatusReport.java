package io.aksflux.apply;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmIds;
import io.aksflux.desired.ExtensionBody;
import io.aksflux.desired.FluxConfigurationBody;
import io.aksflux.environment.Environment;

import java.util.Optional;

/** What an environment looks like in Azure now: the extension and the flux configuration with its objects. */
@JsonPropertyOrder({"environment", "extension", "fluxConfiguration"})
public record StatusReport(String environment, Optional<ResourceState> extension, Optional<ResourceState> fluxConfiguration) {

    /** Refuses a cluster that does not exist, rather than reporting it as a cluster without the extension. */
    public static StatusReport read(Environment env, ArmGateway arm) {
        if (arm.get(env.azure().clusterId(), ArmIds.MANAGED_CLUSTERS_API).isEmpty()) {
            throw new ProvisioningFailedException("cluster " + env.azure().cluster() + " not found: " + env.azure().clusterId()
                    + " does not exist (" + env.file() + ": azure.subscriptionId, azure.resourceGroup, azure.cluster)");
        }
        var extension = ExtensionBody.of(env);
        var flux = FluxConfigurationBody.of(env);
        return new StatusReport(env.name().name(),
                arm.get(extension.id(), extension.apiVersion()).map(ResourceState::of),
                arm.get(flux.id(), flux.apiVersion()).map(ResourceState::of));
    }
}

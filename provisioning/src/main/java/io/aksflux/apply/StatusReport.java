package io.aksflux.apply;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmIds;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;

import java.util.Optional;

/** What an environment looks like in Azure now: the extension and the flux configuration with its objects. */
@JsonPropertyOrder({"environment", "extension", "fluxConfiguration"})
public record StatusReport(String environment, Optional<ResourceState> extension, Optional<ResourceState> fluxConfiguration) {

    /** Reads the environment's ARM resources as its desired state names them (the repository files are not needed). */
    public static StatusReport read(Environment env, ArmGateway arm) {
        return read(env, DesiredState.of(env, java.util.List.of()), arm);
    }

    /** Refuses a cluster that does not exist, rather than reporting it as a cluster without the extension. */
    public static StatusReport read(Environment env, DesiredState desired, ArmGateway arm) {
        if (arm.get(env.azure().clusterId(), ArmIds.MANAGED_CLUSTERS_API).isEmpty()) {
            throw new ProvisioningFailedException("cluster " + env.azure().cluster() + " not found: " + env.azure().clusterId()
                    + " does not exist (" + env.file() + ": azure.subscriptionId, azure.resourceGroup, azure.cluster)");
        }
        var extension = desired.extension();
        var flux = desired.fluxConfiguration();
        return new StatusReport(env.name().name(),
                arm.get(extension.id(), extension.apiVersion()).map(ResourceState::of),
                arm.get(flux.id(), flux.apiVersion()).map(ResourceState::of));
    }
}

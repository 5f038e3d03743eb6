package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;

import java.time.Duration;
import java.util.Optional;

/**
 * The operation someone else started on a resource, followed by reading the resource: in progress while its
 * provisioning state is in flight, then that state. Used when aksflux did not send the PUT itself.
 */
final class ResourceSettling implements ArmOperation {
    private final ArmGateway arm;
    private final String id;
    private final String apiVersion;

    ResourceSettling(ArmGateway arm, String id, String apiVersion) {
        this.arm = arm;
        this.id = id;
        this.apiVersion = apiVersion;
    }

    @Override
    public OperationStatus poll() {
        Optional<ResourceState> state = arm.get(id, apiVersion).map(ResourceState::of);
        if (state.isEmpty()) {
            return new OperationStatus(State.FAILED, "the resource disappeared while its operation was awaited");
        }
        if (state.get().inFlight()) {
            return new OperationStatus(State.IN_PROGRESS, state.get().provisioningState());
        }
        return new OperationStatus(state.get().failed() ? State.parse(state.get().provisioningState()) : State.SUCCEEDED, state.get().error());
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}

package io.aksflux.apply;

import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;
import io.aksflux.desired.ArmResource;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.error.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Removes the flux configuration, then (unless kept) the extension; pruning workloads needs explicit consent. */
public final class Destroyer {
    private final ArmWriter writer;
    private final Progress progress;

    public Destroyer(ArmGateway arm, Pacing pacing, Progress progress) {
        this.writer = new ArmWriter(arm, pacing, progress);
        this.progress = progress;
    }

    public record Request(Environment environment, boolean yes, boolean keepExtension, boolean force) {
    }

    /** @return what was deleted, in order */
    public List<String> destroy(Request request) {
        return destroy(request, DesiredState.of(request.environment(), List.of()));
    }

    /** @param desired the environment's desired state, whose ARM resources are deleted */
    public List<String> destroy(Request request, DesiredState desired) {
        Environment env = request.environment();
        List<String> pruning = env.flux().kustomizations().stream().filter(k -> k.prune()).map(k -> k.name()).toList();
        if (!pruning.isEmpty() && !request.yes()) {
            throw new UsageException("deleting flux configuration '" + env.flux().name() + "' makes Flux delete every workload its kustomizations "
                    + pruning + " applied (prune: true); confirm the deletion to go on");
        }
        List<String> deleted = new ArrayList<>();
        delete("flux configuration " + env.flux().name(), desired.fluxConfiguration(), request.force()).ifPresent(deleted::add);
        if (!request.keepExtension()) {
            delete("extension " + env.extension().name(), desired.extension(), request.force()).ifPresent(deleted::add);
        }
        return deleted;
    }

    private Optional<String> delete(String label, ArmResource resource, boolean force) {
        if (writer.gateway().get(resource.id(), resource.apiVersion()).isEmpty()) {
            progress.info(label + ": already absent");
            return Optional.empty();
        }
        progress.stage("destroy", label + (force ? " (forceDelete)" : ""));
        Optional<ArmOperation> operation = writer.delete(label, resource.id(), resource.apiVersion(), force);
        operation.ifPresent(op -> {
            ArmOperation.OperationStatus status = writer.await("the deletion of " + label + " (" + resource.id() + ")", op);
            if (status.state() != ArmOperation.State.SUCCEEDED) {
                throw new ProvisioningFailedException(label + ": delete " + status.state() + ": " + status.message()
                        + (force ? "" : "; a forced delete sends forceDelete"));
            }
        });
        progress.info(label + ": deleted");
        return Optional.of(label);
    }
}

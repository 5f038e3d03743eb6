package io.aksflux.apply;

import io.aksflux.change.ArmDiff;
import io.aksflux.base.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.arm.ArmOperation;
import io.aksflux.desired.ArmResource;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.error.Blocker;
import io.aksflux.plan.Planner;

import io.aksflux.plan.ActualState;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The step for any ARM resource aksflux manages (the extension, the flux configuration; a new resource is one more line
 * in {@link Provisioner}'s list): plans by reading its actual state and diffing it against the desired body; applied
 * (only when they differ, which the runner sees) it PUTs the whole desired body and waits for Azure. The PUT
 * carries the resolved protected settings every time, because ARM replaces the resource and would drop them.
 * After a 409 the resource is read and compared again before the PUT is repeated: when another apply (or this one's
 * own attempt whose answer was lost) already wrote the desired body, it is not written a second time; its operation
 * is waited for instead.
 */
final class ArmResourceStep implements Step {
    private final String label;
    private final ArmResource desired;
    private final ArmWriter writer;
    private final Progress progress;
    private final ObjectNode protectedValues;
    private final boolean resendProtectedSettings;
    private final boolean wait;
    private final String stage;

    /**
     * @param stage           the name the run reports the step under
     * @param protectedValues the resolved protected settings (empty when the resource has none)
     * @param wait            await Azure's operation after the PUT
     */
    ArmResourceStep(String stage, String label, ArmResource desired, ArmWriter writer, Progress progress,
                    ObjectNode protectedValues, boolean resendProtectedSettings, boolean wait) {
        this.stage = stage;
        this.label = label;
        this.desired = desired;
        this.writer = writer;
        this.progress = progress;
        this.protectedValues = protectedValues;
        this.resendProtectedSettings = resendProtectedSettings;
        this.wait = wait;
    }

    @Override
    public List<Change> plan(ActualState actual) {
        return actual.reads("arm") ? List.of(Planner.arm(desired, actual, resendProtectedSettings)) : List.of();
    }

    @Override
    public String unchanged(List<Change> planned) {
        progress.info(label + ": up to date, nothing to write");
        return Action.NONE.wire();
    }

    @Override
    public ApplyResult.StageResult apply(List<Change> planned) {
        Change.Arm change = (Change.Arm) planned.get(0);
        progress.info(label + ": " + (change.action() == Action.CREATE ? "creating" : "updating "
                + change.diff().stream().map(ArmDiff.FieldChange::path).collect(Collectors.joining(", "))));
        ArmOperation operation = writer.putWhileDifferent(label, desired.id(), desired.apiVersion(), desired.bodyWith(protectedValues),
                () -> Planner.arm(desired, new OnlineState(writer.gateway()), resendProtectedSettings).action() != Action.NONE).orElseGet(() -> {
                    progress.info(label + ": already as desired after the conflict (written by another apply, or by this one's "
                            + "earlier attempt whose answer was lost); not writing it again");
                    return new ResourceSettling(writer.gateway(), desired.id(), desired.apiVersion());
                });
        if (!wait) {
            progress.info(label + ": request accepted; not waiting, as asked");
            return result(change);
        }
        ArmOperation.OperationStatus status = writer.await(label + " (" + desired.id() + ")", operation);
        JsonNode after = writer.gateway().get(desired.id(), desired.apiVersion()).orElse(null);
        ResourceState state = after == null ? null : ResourceState.of(after);
        if (status.state() != ArmOperation.State.SUCCEEDED || (state != null && state.failed())) {
            String provisioning = state == null ? status.state().toString() : state.provisioningState();
            String error = firstNonEmpty(state == null ? "" : state.error(), status.message(), "no error message from Azure");
            throw new ProvisioningFailedException(label + " " + provisioning + ": " + error + statuses(state),
                    blockers(provisioning, error, state));
        }
        progress.info(label + ": " + (state == null ? "Succeeded" : state.provisioningState())
                + (state != null && !state.version().isEmpty() ? " (version " + state.version() + ")" : ""));
        return result(change);
    }

    private ApplyResult.StageResult result(Change.Arm change) {
        return new ApplyResult.StageResult(stage, "changed",
                change.action().wire() + (change.diff().isEmpty() ? "" : " " + change.diff().size() + " field(s)"));
    }

    /** The resource that failed, then the objects it reports not compliant (a Kustomization, a HelmRelease), for reports. */
    private List<Blocker> blockers(String provisioning, String error, ResourceState state) {
        List<Blocker> blockers = new java.util.ArrayList<>();
        blockers.add(new Blocker(desired.type(), desired.id().substring(desired.id().lastIndexOf('/') + 1), provisioning, error));
        if (state != null) {
            state.statuses().stream().filter(s -> !s.compliant())
                    .forEach(s -> blockers.add(new Blocker(s.kind(), s.name(), s.complianceState(), s.message())));
        }
        return blockers;
    }

    private static String statuses(ResourceState state) {
        if (state == null || state.statuses().isEmpty()) {
            return "";
        }
        return state.statuses().stream().filter(s -> !s.compliant() && !s.message().isEmpty())
                .map(s -> "\n  " + s.kind() + " " + s.name() + ": " + s.message()).collect(Collectors.joining());
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}

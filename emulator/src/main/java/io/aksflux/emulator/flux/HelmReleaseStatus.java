package io.aksflux.emulator.flux;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What helm-controller reports for one HelmRelease at a moment: the Helm release revision last applied (0 before the
 * first install) with the chart and version it deployed, the failure counts since the last success, and the Ready
 * condition as the flux configuration's {@code statuses} carry it.
 */
public record HelmReleaseStatus(ObjectRef release, long revision, String chart, String version, long failures, long installFailures,
                                long upgradeFailures, String complianceState, String reason, String message, Instant since) {
    /** helm-controller's default timeout for an action, as its Progressing message names it. */
    static final String TIMEOUT = "5m0s";

    /** The Ready condition's status, as the API spells it. */
    public String readyStatus() {
        return complianceState.equals("Compliant") ? "True" : complianceState.equals("Pending") ? "Unknown" : "False";
    }

    /**
     * The status at {@code now} of a release applied at {@code appliedAt} asking for {@code wanted}, after {@code before}
     * (the last status of an earlier reconciliation, or null when it was never installed). Until it is applied nothing
     * changes; one that is installed at the wanted chart version and Ready stays as it is; otherwise the install or
     * upgrade runs one reconcile step (Pending, still reporting what is deployed), then succeeds with a new revision
     * or, when {@code failure} says so, fails again each step with its counts rising.
     */
    static Optional<HelmReleaseStatus> at(AppliedObjects.Release wanted, HelmReleaseStatus before, Instant appliedAt,
                                          Optional<String> failure, Instant now, Duration step) {
        if (now.isBefore(appliedAt)) {
            return Optional.ofNullable(before);
        }
        if (before != null && before.complianceState().equals("Compliant") && before.chart().equals(wanted.chart())
                && before.version().equals(wanted.version())) {
            return Optional.of(before);
        }
        ObjectRef ref = wanted.ref();
        boolean install = before == null || before.revision() == 0;
        String action = install ? "install" : "upgrade";
        long revision = before == null ? 0 : before.revision();
        String chart = before == null ? wanted.chart() : before.chart();
        String version = before == null ? "" : before.version();
        long failures = before == null ? 0 : before.failures();
        long installFailures = before == null ? 0 : before.installFailures();
        long upgradeFailures = before == null ? 0 : before.upgradeFailures();
        Instant done = appliedAt.plus(step);
        if (now.isBefore(done)) {
            return Optional.of(new HelmReleaseStatus(ref, revision, chart, version, failures, installFailures, upgradeFailures, "Pending",
                    "Progressing", "Running '" + action + "' action with timeout of " + TIMEOUT, appliedAt));
        }
        String release = ref.namespace() + "/" + ref.name();
        String wantedChart = wanted.chart() + "@" + wanted.version();
        if (failure.isPresent()) {
            long attempts = 1 + (step.isZero() ? 0 : Duration.between(done, now).dividedBy(step));
            return Optional.of(new HelmReleaseStatus(ref, revision, chart, version, failures + attempts,
                    installFailures + (install ? attempts : 0), upgradeFailures + (install ? 0 : attempts), "Non-Compliant",
                    install ? "InstallFailed" : "UpgradeFailed",
                    "Helm " + action + " failed for release " + release + " with chart " + wantedChart + ": " + failure.get(), done));
        }
        long next = revision + 1;
        return Optional.of(new HelmReleaseStatus(ref, next, wanted.chart(), wanted.version(), 0, 0, 0, "Compliant",
                install ? "InstallSucceeded" : "UpgradeSucceeded",
                "Helm " + action + " succeeded for release " + release + ".v" + next + " with chart " + wantedChart, done));
    }
}

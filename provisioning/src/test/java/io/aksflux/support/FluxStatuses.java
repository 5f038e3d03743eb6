package io.aksflux.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Entries of a flux configuration's {@code statuses} in the published API's shape (ObjectStatusDefinition: kind, name,
 * namespace, complianceState, appliedBy, helmReleaseProperties, statusConditions), with helm-controller's and
 * kustomize-controller's own Ready messages, for tests that play Flux reporting a rollout.
 */
public final class FluxStatuses {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FluxStatuses() {
    }

    /** Ready after {@code helm upgrade} (revision 1: install) at {@code chart@version}. */
    public static ObjectNode helmReleaseReady(String namespace, String name, String version, int revision) {
        return helmRelease(namespace, name, "Compliant", revision, 0, 0, "True", revision == 1 ? "InstallSucceeded" : "UpgradeSucceeded",
                "Helm " + (revision == 1 ? "install" : "upgrade") + " succeeded for release " + namespace + "/" + name + ".v" + revision
                        + " with chart " + name + "@" + version);
    }

    /** An upgrade to {@code version} in progress after the last one ({@code revision}). */
    public static ObjectNode helmReleaseUpgrading(String namespace, String name, int revision) {
        return helmRelease(namespace, name, "Pending", revision, 0, 0, "Unknown", "Progressing",
                "Running 'upgrade' action with timeout of 5m0s");
    }

    /** The upgrade to {@code version} failed {@code failures} times; Ready False with helm-controller's message. */
    public static ObjectNode helmReleaseUpgradeFailed(String namespace, String name, String version, int revision, int failures,
                                                      String why) {
        return helmRelease(namespace, name, "Non-Compliant", revision, failures, failures, "False", "UpgradeFailed",
                "Helm upgrade failed for release " + namespace + "/" + name + " with chart " + name + "@" + version + ": " + why);
    }

    public static ObjectNode helmRelease(String namespace, String name, String compliance, int revision, int failures,
                                         int upgradeFailures, String status, String reason, String message) {
        ObjectNode o = JSON.objectNode().put("name", name).put("namespace", namespace).put("kind", "HelmRelease")
                .put("complianceState", compliance);
        o.putObject("appliedBy").put("name", "flux-config-services").put("namespace", "flux-config");
        ObjectNode helm = o.putObject("helmReleaseProperties").put("lastRevisionApplied", revision);
        helm.putObject("helmChartRef").put("name", namespace + "-" + name).put("namespace", "flux-config");
        helm.put("failureCount", failures).put("installFailureCount", 0).put("upgradeFailureCount", upgradeFailures);
        condition(o, status, reason, message);
        return o;
    }

    /** A Kustomization (nested, or the configuration's own) Ready at {@code main@sha1:<sha>}. */
    public static ObjectNode kustomizationReady(String name, String sha) {
        ObjectNode o = JSON.objectNode().put("name", name).put("namespace", "flux-config").put("kind", "Kustomization")
                .put("complianceState", "Compliant");
        o.putNull("appliedBy");
        o.putNull("helmReleaseProperties");
        return condition(o, "True", "ReconciliationSucceeded", "Applied revision: main@sha1:" + sha);
    }

    private static ObjectNode condition(ObjectNode o, String status, String reason, String message) {
        o.putArray("statusConditions").addObject().put("lastTransitionTime", "2026-12-02T02:00:00Z").put("message", message)
                .put("reason", reason).put("status", status).put("type", "Ready");
        return o;
    }
}

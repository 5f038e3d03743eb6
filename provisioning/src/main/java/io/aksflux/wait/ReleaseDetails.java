package io.aksflux.wait;

import io.aksflux.cluster.ClusterCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What ARM does not show of a failed HelmRelease, read inside the cluster through run command (so private clusters too):
 * its conditions and its recent events. Only those: never its values, a Secret or the rendered manifests, so no secret
 * value is read. Names come from ARM and go into a command line, so only Kubernetes names are accepted.
 */
final class ReleaseDetails {
    private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final String CONDITIONS = "{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{\"\\n\"}{end}";

    private ReleaseDetails() {
    }

    /** {@code $ COMMAND} and what it printed, for each command; a command that could not run says why. */
    static List<String> of(ClusterCommands cluster, String clusterId, TargetState failed) {
        if (!(failed.target() instanceof Target.HelmRelease release) || !KUBERNETES_NAME.matcher(failed.namespace()).matches()
                || !KUBERNETES_NAME.matcher(release.name()).matches()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String command : List.of(
                "kubectl get helmrelease " + release.name() + " -n " + failed.namespace() + " -o jsonpath='" + CONDITIONS + "'",
                "kubectl events -n " + failed.namespace() + " --for helmrelease/" + release.name())) {
            lines.add("$ " + command);
            try {
                ClusterCommands.CommandResult result = cluster.run(clusterId, command, Map.of());
                result.logs().lines().filter(l -> !l.isBlank()).forEach(lines::add);
                if (!result.succeeded()) {
                    lines.add("(exit " + result.exitCode() + ")");
                }
            } catch (RuntimeException e) { // the details are a help; the failure itself is already known
                lines.add("(could not run: " + e.getMessage() + ")");
            }
        }
        return lines;
    }
}

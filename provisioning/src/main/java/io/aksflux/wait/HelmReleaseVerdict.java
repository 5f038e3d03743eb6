package io.aksflux.wait;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides where a HelmRelease stands from the configuration's statuses. The version is read from helm-controller's
 * Ready message ({@code Helm upgrade succeeded for release flux-config/ffc-demo-web.v7 with chart
 * ffc-demo-web@4.32.30}), so an older version that is Ready is pending, never done; Ready at the version is done,
 * whatever it took. Failed: the failure counts rose above what the first poll saw, or Ready is False for a failure
 * reason; unless the message names another version: an earlier version's failure (or its retries) is not this rollout's.
 */
final class HelmReleaseVerdict {
    private static final Pattern CHART = Pattern.compile("with chart ([^\\s@]+)@(\\S+?)['\".,:;]*(?:\\s|$)");
    /** Ready False after a failed install or upgrade; {@code *Succeeded} here is a remediation after a failure. */
    private static final Set<String> REMEDIATED = Set.of("RollbackSucceeded", "UninstallSucceeded");

    private HelmReleaseVerdict() {
    }

    /**
     * @param configNamespace where a release named without a namespace is looked for first
     * @param baseline        failure counts at the first poll, by {@link #key}; a release first seen later starts at 0
     */
    static TargetState judge(Target.HelmRelease target, List<FluxObject> objects, String configNamespace, Map<String, Integer> baseline) {
        List<FluxObject> named = objects.stream().filter(o -> o.kind().equals("HelmRelease") && o.name().equals(target.name())).toList();
        List<FluxObject> candidates = target.namespace().map(ns -> named.stream().filter(o -> o.namespace().equals(ns)).toList())
                .orElseGet(() -> named.stream().anyMatch(o -> o.namespace().equals(configNamespace))
                        ? named.stream().filter(o -> o.namespace().equals(configNamespace)).toList() : named);
        if (candidates.isEmpty()) {
            return TargetState.pending(target, target.namespace().orElse(""), target.version(), "", "not reported yet");
        }
        if (candidates.size() > 1) {
            return new TargetState(target, TargetState.State.FAILED, "", target.version(), "",
                    "several HelmReleases are named " + target.name() + " (in " + String.join(", ", candidates.stream().map(FluxObject::namespace).toList()) + "): name one as NAMESPACE/NAME");
        }
        FluxObject release = candidates.get(0);
        String ns = release.namespace();
        Optional<FluxObject.Ready> ready = release.ready();
        String message = ready.map(FluxObject.Ready::message).orElse("");
        Optional<String> version = versionIn(message);
        if (ready.isPresent() && ready.get().status() && version.filter(target.version()::equals).isPresent()) {
            return new TargetState(target, TargetState.State.READY, ns, target.version(), version.get(), message); // deployed, whatever it took
        }
        int before = baseline.getOrDefault(key(release), 0);
        boolean countsRose = release.failures() > before;
        if (countsRose || ready.isPresent() && !ready.get().status() && failed(ready.get().reason())) {
            if (version.isPresent() && !version.get().equals(target.version())) { // an earlier version's retries, not this rollout
                return TargetState.pending(target, ns, target.version(), version.get(),
                        version.get() + " failed, waiting for " + target.version() + ": " + message);
            }
            return new TargetState(target, TargetState.State.FAILED, ns, target.version(), version.orElse(""),
                    (message.isEmpty() ? release.complianceState() : message)
                            + (countsRose ? " (failures: " + before + " when the wait began, " + release.failures() + " now)" : ""));
        }
        if (ready.isPresent() && ready.get().status()) {
            return TargetState.pending(target, ns, target.version(), version.orElse(""), version.map(v -> v + " Ready, waiting for " + target.version())
                    .orElse("Ready, but its message names no chart version: " + message));
        }
        return TargetState.pending(target, ns, target.version(), version.orElse(""), message.isEmpty() ? release.complianceState() : message);
    }

    /** The chart version a helm-controller message names ({@code with chart NAME@VERSION}). */
    static Optional<String> versionIn(String message) {
        Matcher m = CHART.matcher(message);
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }

    static String key(FluxObject object) {
        return object.kind() + "/" + object.namespace() + "/" + object.name();
    }

    private static boolean failed(String reason) {
        return reason.endsWith("Failed") || REMEDIATED.contains(reason);
    }
}

package io.aksflux.wait;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides where a Kustomization stands: done when Ready at the wanted revision, read from kustomize-controller's
 * {@code Applied revision: main@sha1:<sha>} (older Flux: {@code main/<sha>}). A Kustomization that is not Ready stays
 * pending with Flux's message: kustomize-controller retries it, so only the deadline ends that wait.
 */
final class KustomizationVerdict {
    private static final Pattern APPLIED = Pattern.compile("Applied revision: (\\S+)");

    private KustomizationVerdict() {
    }

    /**
     * @param configName the flux configuration's name: its own kustomization {@code apps} is reported as {@code <config>-apps}
     * @param wanted     the commit (or a prefix) it must have applied; empty: Ready at any revision (a semver pin)
     */
    static TargetState judge(Target.Kustomization target, List<FluxObject> objects, String configName, Optional<String> wanted) {
        List<FluxObject> kustomizations = objects.stream().filter(o -> o.kind().equals("Kustomization")).toList();
        Optional<FluxObject> found = kustomizations.stream().filter(o -> o.name().equals(configName + "-" + target.name())).findFirst()
                .or(() -> kustomizations.stream().filter(o -> o.name().equals(target.name())).findFirst());
        if (found.isEmpty()) {
            return TargetState.pending(target, "", wanted.orElse(""), "", "not reported yet");
        }
        FluxObject k = found.get();
        Optional<FluxObject.Ready> ready = k.ready();
        String message = ready.map(FluxObject.Ready::message).orElse(k.complianceState());
        String seen = revisionIn(message).orElse("");
        if (ready.isPresent() && ready.get().status()) {
            if (wanted.isEmpty() || (!seen.isEmpty() && seen.startsWith(wanted.get().toLowerCase(Locale.ROOT)))) {
                return new TargetState(target, TargetState.State.READY, k.namespace(), wanted.orElse(""), seen, message);
            }
            return TargetState.pending(target, k.namespace(), wanted.orElse(""), seen, "Ready at " + shortSha(seen.isEmpty() ? "an unnamed revision" : seen)
                    + ", waiting for " + shortSha(wanted.get()));
        }
        return TargetState.pending(target, k.namespace(), wanted.orElse(""), seen, message);
    }

    /** The commit of {@code Applied revision: main@sha1:<sha>} or {@code main/<sha>}. */
    static Optional<String> revisionIn(String message) {
        Matcher m = APPLIED.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        String revision = m.group(1).replaceAll("['\".,]+$", "");
        return Optional.of(revision.substring(Math.max(revision.lastIndexOf(':'), revision.lastIndexOf('/')) + 1).toLowerCase(Locale.ROOT));
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 && sha.matches("[0-9a-f]+") ? sha.substring(0, 12) : sha;
    }
}

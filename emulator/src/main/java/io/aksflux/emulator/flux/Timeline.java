package io.aksflux.emulator.flux;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * When each followed object turns Ready in one reconciliation: a GitRepository as soon as the Kustomization that
 * applied it is Ready (it fetches at once), a Kustomization one reconcile step after the latest of its applier, its
 * source and its dependencies; {@link #NEVER} for one that fails or waits on one that does.
 */
final class Timeline {
    static final Instant NEVER = Instant.MAX;

    private final Duration step;
    private final Map<ObjectRef, Instant> kustomizations = new HashMap<>();
    private final Map<ObjectRef, Instant> sources = new HashMap<>();
    private final Map<ObjectRef, AppliedObjects.Kustomization> nestedKustomizations = new HashMap<>();
    private final Map<ObjectRef, AppliedObjects.Source> nestedSources = new HashMap<>();
    private final Set<ObjectRef> visiting = new HashSet<>();

    /**
     * @param configured when the configuration's own kustomizations turn Ready
     * @param own the configuration's own GitRepository and when it is Ready
     */
    Timeline(Iterable<AppliedObjects.Nested> nested, Map<ObjectRef, Instant> configured, ObjectRef own, Instant ownReady, Duration step) {
        this.step = step;
        kustomizations.putAll(configured);
        sources.put(own, ownReady);
        for (AppliedObjects.Nested n : nested) {
            if (n instanceof AppliedObjects.Kustomization k) {
                nestedKustomizations.put(k.ref(), k);
            } else if (n instanceof AppliedObjects.Source s) {
                nestedSources.put(s.ref(), s);
            }
        }
    }

    /** When the Kustomization that applied {@code object} was Ready, i.e. when {@code object} reached the cluster. */
    Instant appliedAt(AppliedObjects.Nested object) {
        return kustomization(object.appliedBy());
    }

    Instant kustomization(ObjectRef ref) {
        Instant known = kustomizations.get(ref);
        if (known != null) {
            return known;
        }
        AppliedObjects.Kustomization k = nestedKustomizations.get(ref);
        if (k == null || k.failure().isPresent() || !visiting.add(ref)) {
            return NEVER;
        }
        Instant start = latest(kustomization(k.appliedBy()), source(k.source()));
        for (ObjectRef dep : k.dependsOn()) {
            start = latest(start, kustomization(dep));
        }
        visiting.remove(ref);
        Instant ready = start.equals(NEVER) ? NEVER : start.plus(step);
        kustomizations.put(ref, ready);
        return ready;
    }

    Instant source(ObjectRef ref) {
        Instant known = sources.get(ref);
        if (known != null) {
            return known;
        }
        AppliedObjects.Source s = nestedSources.get(ref);
        Instant ready = s == null || s.error() != null ? NEVER : kustomization(s.appliedBy());
        sources.put(ref, ready);
        return ready;
    }

    /** When a failing Kustomization reports its failure: a step after it was applied and its source was there. */
    Instant failsAt(AppliedObjects.Kustomization k) {
        Instant start = latest(appliedAt(k), source(k.source()).equals(NEVER) ? appliedAt(k) : source(k.source()));
        return start.equals(NEVER) ? NEVER : start.plus(step);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

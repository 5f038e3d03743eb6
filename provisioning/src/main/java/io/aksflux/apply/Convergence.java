package io.aksflux.apply;

import io.aksflux.desired.ArmResource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits until the flux configuration is Compliant and so is every object it reports, printing one line per
 * object whenever its state changes; on timeout returns the objects that block, with their messages. When apply
 * knows the commit the configuration's source branch holds (the one the seed just pushed, else its head), Compliant
 * means Compliant at that commit: until Flux has fetched it, the statuses describe an older revision. The branch may
 * move past that commit meanwhile (another environment's seed in a rebuild, a team's commit): then Compliant at the
 * branch's new head, which holds the seed, is converged too.
 */
final class Convergence {
    private final ArmWriter writer;
    private final Pacing pacing;
    private final Progress progress;

    Convergence(ArmWriter writer, Pacing pacing, Progress progress) {
        this.writer = writer;
        this.pacing = pacing;
        this.progress = progress;
    }

    /**
     * @param revision   the commit Flux must have applied, if known
     * @param branchHead the source branch's head now, read again while Flux has synced another commit than {@code revision}
     * @return the objects that are not compliant when time ran out; empty when converged
     */
    List<ResourceState.ObjectStatus> await(ArmResource fluxConfiguration, Duration timeout, Optional<String> revision,
                                           java.util.function.Supplier<Optional<String>> branchHead) {
        return await(fluxConfiguration, timeout, revision, branchHead, "the head of the source branch");
    }

    /** @param revisionIs what {@code revision} is, for the timeout message ({@code the commit tag v1.4.0 names}) */
    List<ResourceState.ObjectStatus> await(ArmResource fluxConfiguration, Duration timeout, Optional<String> revision,
                                           java.util.function.Supplier<Optional<String>> branchHead, String revisionIs) {
        Instant start = pacing.ticker().now();
        String name = fluxConfiguration.id().substring(fluxConfiguration.id().lastIndexOf('/') + 1);
        Map<String, String> lastSeen = new HashMap<>();
        boolean announced = false;
        while (true) {
            ResourceState state = writer.gateway().get(fluxConfiguration.id(), fluxConfiguration.apiVersion())
                    .map(ResourceState::of)
                    .orElseThrow(() -> new ProvisioningFailedException("the flux configuration disappeared while waiting for it to converge"));
            for (ResourceState.ObjectStatus object : state.statuses()) {
                String line = object.complianceState() + (object.message().isEmpty() ? "" : ": " + object.message());
                if (!line.equals(lastSeen.put(object.kind() + "/" + object.name(), line))) {
                    progress.info(object.name() + ": " + line);
                }
            }
            boolean atRevision = revision.map(r -> state.sourceCommit().contains(r)).orElse(true);
            if (!atRevision) {
                Optional<String> waited = revision;
                revision = branchHead.get().or(() -> waited);
                atRevision = state.sourceCommit().contains(revision.get());
            }
            if (state.converged() && atRevision) {
                return List.of();
            }
            if (!atRevision && !announced) {
                progress.info("waiting for Flux to fetch " + revision.get().substring(0, 12) + " (synced: "
                        + (state.sourceCommit().isEmpty() ? "nothing yet" : state.sourceCommit()) + ")");
                announced = true;
            }
            Duration elapsed = Duration.between(start, pacing.ticker().now());
            if (elapsed.compareTo(timeout) >= 0) {
                List<ResourceState.ObjectStatus> blocking = state.statuses().stream().filter(s -> !s.compliant()).toList();
                if (blocking.isEmpty() && !atRevision) {
                    return List.of(new ResourceState.ObjectStatus("GitRepository", name, "", state.complianceState(),
                            "synced " + (state.sourceCommit().isEmpty() ? "nothing" : state.sourceCommit()) + ", not yet " + revision.get()
                                    + ", " + revisionIs));
                }
                return blocking.isEmpty()
                        ? List.of(new ResourceState.ObjectStatus("FluxConfiguration", name, "", state.complianceState(), state.error()))
                        : blocking;
            }
            pacing.pause(pacing.pollInterval());
        }
    }
}

package io.aksflux.apply;

import io.aksflux.base.Waiter;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.desired.ArmResource;

import java.time.Duration;
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
        String name = fluxConfiguration.id().substring(fluxConfiguration.id().lastIndexOf('/') + 1);
        Watch watch = new Watch(fluxConfiguration, name, revision, branchHead, revisionIs);
        Waiter.Outcome<List<ResourceState.ObjectStatus>> outcome = new Waiter(pacing, progress)
                .poll("every kustomization of '" + name + "' to be Compliant", timeout, watch::poll);
        return outcome.done() ? List.of() : outcome.value();
    }

    /** One wait's memory: the lines already printed and the commit Flux must reach. */
    private final class Watch {
        private final ArmResource fluxConfiguration;
        private final String name;
        private final java.util.function.Supplier<Optional<String>> branchHead;
        private final String revisionIs;
        private final Map<String, String> lastSeen = new HashMap<>();
        private Optional<String> revision;
        private boolean announced;
        private boolean looked;

        Watch(ArmResource fluxConfiguration, String name, Optional<String> revision,
              java.util.function.Supplier<Optional<String>> branchHead, String revisionIs) {
            this.revisionIs = revisionIs;
            this.fluxConfiguration = fluxConfiguration;
            this.name = name;
            this.revision = revision;
            this.branchHead = branchHead;
        }

        /** Done when converged at the wanted commit; else pending with the objects that block. */
        Waiter.Poll<List<ResourceState.ObjectStatus>> poll() {
            // the first look may be the run's own read (a no-op apply has nothing to wait for); every later poll reads anew
            Optional<com.fasterxml.jackson.databind.JsonNode> read = looked ? writer.gateway().get(fluxConfiguration.id(), fluxConfiguration.apiVersion())
                    : writer.gateway().latest(fluxConfiguration.id(), fluxConfiguration.apiVersion());
            looked = true;
            ResourceState state = read.map(ResourceState::of)
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
                return Waiter.Poll.done(List.of());
            }
            if (!atRevision && !announced) {
                progress.info("waiting for Flux to fetch " + revision.get().substring(0, 12) + " (synced: "
                        + (state.sourceCommit().isEmpty() ? "nothing yet" : state.sourceCommit()) + ")");
                announced = true;
            }
            return Waiter.Poll.pending(blocking(state, atRevision), state.complianceState(), Optional.empty());
        }

        private List<ResourceState.ObjectStatus> blocking(ResourceState state, boolean atRevision) {
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
    }
}

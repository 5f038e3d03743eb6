package io.aksflux.apply;

import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.plan.ActualState;

import java.util.List;

/**
 * Something the engine manages (repository files, the notification secret, an ARM resource): it reads the actual
 * state and plans the changes that would bring its target to the desired state, in the shared {@link Change} shape a
 * plan shows. The {@link StepRunner} applies it only when one planned change differs ({@code action != none}); plan is
 * the same run with writes off. Steps never decide whether they run: the runner does. A step may keep what its plan
 * read for its apply (the seed keeps the working copies it will push from); the runner closes it once done with it.
 */
public interface Step extends AutoCloseable {

    /** What applying would change; nothing for a target {@code actual} does not read (the plan leaves it out). */
    List<Change> plan(ActualState actual);

    /** Writes the planned changes; called by the runner only when one of them differs (or {@link #comparesWhenWriting}). */
    ApplyResult.StageResult apply(List<Change> planned);

    /** The detail of the run's "unchanged" result, when nothing differed and apply was not called. */
    default String unchanged(List<Change> planned) {
        return Action.NONE.wire();
    }

    /**
     * A target whose write is itself the comparison, so nothing is read ahead of it: the runner calls apply every run,
     * and apply reports unchanged when the write found nothing to do. Only the Key Vault delivery of the notification
     * secret is one ({@link NotificationKeyVault}): reading the secret ahead would be a second read of a connection
     * string the plan must not show, and the store's put-if-different compares anyway.
     */
    default boolean comparesWhenWriting() {
        return false;
    }

    /**
     * Lets go of what {@link #plan} kept for {@link #apply} (the seed's working copies); the runner calls it once it is
     * done with the step, applied or not, failed or not. Closing twice does nothing more.
     */
    @Override
    default void close() {
    }

    static boolean differs(List<Change> planned) {
        return planned.stream().anyMatch(c -> c.action() != Action.NONE);
    }
}

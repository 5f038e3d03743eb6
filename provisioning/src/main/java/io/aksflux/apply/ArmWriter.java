package io.aksflux.apply;

import io.aksflux.base.Waiter;
import io.aksflux.error.WaitTimedOutException;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Writes through ARM the way a careful operator would: a 409 "another operation is in progress" is waited out
 * with bounded backoff (honouring Retry-After, within the pacing's floor and cap), and a long-running operation is
 * polled through the {@link Waiter}, as each answer's Retry-After says, until its deadline.
 */
final class ArmWriter {
    /** How long an operation is awaited when no wait timeout is given (destroy, plan's reads): apply's default. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);

    private final ArmGateway arm;
    private final Pacing pacing;
    private final Progress progress;
    private final Duration timeout;

    ArmWriter(ArmGateway arm, Pacing pacing, Progress progress) {
        this(arm, pacing, progress, DEFAULT_TIMEOUT);
    }

    ArmWriter(ArmGateway arm, Pacing pacing, Progress progress, Duration timeout) {
        this.arm = arm;
        this.pacing = pacing;
        this.progress = progress;
        this.timeout = timeout;
    }

    /** The same writer, awaiting each operation at most {@code timeout}. */
    ArmWriter bounded(Duration timeout) {
        return new ArmWriter(arm, pacing, progress, timeout);
    }

    Duration timeout() {
        return timeout;
    }

    Waiter waiter() {
        return new Waiter(pacing, progress);
    }

    ArmGateway gateway() {
        return arm;
    }

    ArmOperation put(String what, String id, String apiVersion, JsonNode body) {
        return retryingConflicts(what, () -> arm.put(id, apiVersion, body));
    }

    /**
     * PUT, and after a 409 PUT again only while {@code stillDifferent} (a fresh read and compare) says the resource still
     * differs. Empty when it no longer does: another writer got there first, so there is nothing to send.
     */
    Optional<ArmOperation> putWhileDifferent(String what, String id, String apiVersion, JsonNode body, BooleanSupplier stillDifferent) {
        boolean[] conflicted = {false};
        return retryingConflicts(what, () -> {
            if (conflicted[0] && !stillDifferent.getAsBoolean()) {
                return Optional.<ArmOperation>empty();
            }
            conflicted[0] = true; // the next call of this request, if any, follows a 409
            return Optional.of(arm.put(id, apiVersion, body));
        });
    }

    Optional<ArmOperation> delete(String what, String id, String apiVersion, boolean force) {
        return retryingConflicts(what, () -> arm.delete(id, apiVersion, force));
    }

    <T> T retryingConflicts(String what, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (ArmException e) {
                if (!e.isConflict() || attempt > pacing.maxConflictRetries()) {
                    throw e;
                }
                Duration wait = pacing.bounded(e.retryAfter().orElse(pacing.conflictBackoff().multipliedBy(Math.min(attempt, 4))));
                progress.info(what + ": another operation is in progress on the cluster (" + e.code()
                        + "); retrying in " + wait.toSeconds() + "s (attempt " + attempt + " of " + pacing.maxConflictRetries() + ")");
                pacing.pause(wait);
            }
        }
    }

    /**
     * Polls until ARM reports a terminal state and returns it; paced by each answer's Retry-After, the first poll by
     * the Retry-After of the answer that started the operation (its 201/202), bounded by this writer's timeout: then
     * {@link WaitTimedOutException} naming {@code what} and the state it was last in.
     */
    ArmOperation.OperationStatus await(String what, ArmOperation operation) {
        return waiter().await(what, timeout, operation.retryAfter(), operation::nextPoll);
    }
}

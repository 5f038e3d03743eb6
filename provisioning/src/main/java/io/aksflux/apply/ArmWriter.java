package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Writes through ARM the way a careful operator would: a 409 "another operation is in progress" is waited out
 * with bounded backoff (honouring Retry-After), and a long-running operation is polled at the pacing's
 * interval with a progress line while it runs.
 */
final class ArmWriter {
    private final ArmGateway arm;
    private final Pacing pacing;
    private final Progress progress;

    ArmWriter(ArmGateway arm, Pacing pacing, Progress progress) {
        this.arm = arm;
        this.pacing = pacing;
        this.progress = progress;
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
                Duration wait = e.retryAfter().orElse(pacing.conflictBackoff().multipliedBy(Math.min(attempt, 4)));
                progress.info(what + ": another operation is in progress on the cluster (" + e.code()
                        + "); retrying in " + wait.toSeconds() + "s (attempt " + attempt + " of " + pacing.maxConflictRetries() + ")");
                pacing.pause(wait);
            }
        }
    }

    /** Polls until ARM reports a terminal state; returns it. */
    ArmOperation.OperationStatus await(String what, ArmOperation operation) {
        Instant start = pacing.ticker().now();
        ArmOperation.OperationStatus status = operation.poll();
        while (!status.done()) {
            pacing.pause(operation.retryAfter().filter(d -> d.compareTo(pacing.pollInterval()) < 0).orElse(pacing.pollInterval()));
            status = operation.poll();
            progress.info(what + ": waiting for Azure to finish (" + Duration.between(start, pacing.ticker().now()).toSeconds() + "s)");
        }
        return status;
    }
}

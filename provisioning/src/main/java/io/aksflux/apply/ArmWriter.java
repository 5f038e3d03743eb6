package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

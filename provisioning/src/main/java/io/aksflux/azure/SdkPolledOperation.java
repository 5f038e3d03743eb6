package io.aksflux.azure;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmOperation;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * An Azure SDK {@link SyncPoller} (a typed client's {@code begin…}) as an {@link ArmOperation}, polled one answer at a
 * time by the engine's waiter rather than by the SDK's own loop, whose interval has no floor (a {@code Retry-After: 0}
 * polls flat out) and whose wait has no deadline. Each poll's {@code Retry-After} paces the next.
 */
public final class SdkPolledOperation<T, U> implements ArmOperation {
    private final SyncPoller<T, U> poller;
    private final Function<U, JsonNode> result;
    private volatile Optional<Duration> retryAfter;

    /** @param result the final result as the JSON the engine reads (a command's {@code properties}…) */
    public SdkPolledOperation(SyncPoller<T, U> poller, Function<U, JsonNode> result) {
        this(poller, result, Optional.empty());
    }

    /**
     * @param started the {@code Retry-After} of the answer that started the operation, which the first poll waits; the
     *                SyncPoller keeps its activation response to itself, so whoever began the operation passes it
     */
    public SdkPolledOperation(SyncPoller<T, U> poller, Function<U, JsonNode> result, Optional<Duration> started) {
        this.poller = poller;
        this.result = result;
        this.retryAfter = started;
    }

    @Override
    public OperationStatus poll() {
        PollResponse<T> response = poller.poll();
        retryAfter = Optional.ofNullable(response.getRetryAfter());
        LongRunningOperationStatus status = response.getStatus();
        if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            return new OperationStatus(State.SUCCEEDED, "", result.apply(poller.getFinalResult()));
        }
        if (status == LongRunningOperationStatus.FAILED) {
            return new OperationStatus(State.FAILED, "the operation failed");
        }
        if (status == LongRunningOperationStatus.USER_CANCELLED) {
            return new OperationStatus(State.CANCELED, "the operation was canceled");
        }
        return new OperationStatus(State.IN_PROGRESS, status.toString());
    }

    @Override
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}

package io.aksflux.arm;

import java.time.Duration;
import java.util.Optional;

/** A long-running ARM operation in flight: poll it until it reaches a terminal state. */
public interface ArmOperation {

    /** Asks ARM once for the current state. */
    OperationStatus poll();

    /**
     * How long ARM asked the client to wait before the next poll, as its latest answer said (each poll may say anew);
     * before the first poll, as the answer that started the operation said (its 201/202), which the first poll waits.
     */
    Optional<Duration> retryAfter();

    /** One poll as the {@link io.aksflux.base.Waiter} reads it: done at a terminal state, else ARM's word and Retry-After. */
    default io.aksflux.base.Waiter.Poll<OperationStatus> nextPoll() {
        OperationStatus status = poll();
        return status.done() ? io.aksflux.base.Waiter.Poll.done(status)
                : io.aksflux.base.Waiter.Poll.pending(status, status.message().isEmpty() ? "InProgress" : status.message(), retryAfter());
    }

    /**
     * @param message why it failed; while in progress, ARM's own word for its state ({@code Running}, {@code Updating}) when known
     * @param result  the final response body of an action (a command's result); empty for writes
     */
    record OperationStatus(State state, String message, com.fasterxml.jackson.databind.JsonNode result) {
        public OperationStatus(State state, String message) {
            this(state, message, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }

        public boolean done() {
            return state != State.IN_PROGRESS;
        }
    }

    enum State {
        IN_PROGRESS, SUCCEEDED, FAILED, CANCELED;

        public static State parse(String status) {
            if (status == null) {
                return IN_PROGRESS;
            }
            return switch (status.toLowerCase(java.util.Locale.ROOT)) {
                case "succeeded" -> SUCCEEDED;
                case "failed" -> FAILED;
                case "canceled", "cancelled" -> CANCELED;
                default -> IN_PROGRESS;
            };
        }
    }

    /** An operation that was already complete when the request returned. */
    static ArmOperation completed() {
        return completed(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    /** An action that answered at once with its result. */
    static ArmOperation completed(com.fasterxml.jackson.databind.JsonNode result) {
        return new ArmOperation() {
            @Override
            public OperationStatus poll() {
                return new OperationStatus(State.SUCCEEDED, "", result);
            }

            @Override
            public Optional<Duration> retryAfter() {
                return Optional.empty();
            }
        };
    }
}

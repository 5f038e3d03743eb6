package io.aksflux.arm;

import java.time.Duration;
import java.util.Optional;

/** A long-running ARM operation in flight: poll it until it reaches a terminal state. */
public interface ArmOperation {

    /** Asks ARM once for the current state. */
    OperationStatus poll();

    /** How long ARM asked the client to wait before the next poll, when it said. */
    Optional<Duration> retryAfter();

    record OperationStatus(State state, String message) {
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
        return new ArmOperation() {
            @Override
            public OperationStatus poll() {
                return new OperationStatus(State.SUCCEEDED, "");
            }

            @Override
            public Optional<Duration> retryAfter() {
                return Optional.empty();
            }
        };
    }
}

package io.aksflux.base;

import java.time.Duration;
import java.util.Optional;

/**
 * How often to poll and how long to back off on conflicts; tests shorten everything. ARM's {@code Retry-After} paces
 * each poll, held between {@code pollFloor} (a {@code 0} must not turn into thousands of polls a second) and
 * {@code pollCap} (a wait between polls never outlasts it); {@code heartbeat} is how often a wait says it still waits.
 */
public record Pacing(Ticker ticker, Duration pollInterval, Duration conflictBackoff, int maxConflictRetries,
                     Duration pollFloor, Duration pollCap, Duration heartbeat) {
    public static final Duration FLOOR = Duration.ofSeconds(1);
    public static final Duration CAP = Duration.ofSeconds(60);
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /** The floor is a second, or the poll interval when a test chose a shorter one. */
    public Pacing(Ticker ticker, Duration pollInterval, Duration conflictBackoff, int maxConflictRetries) {
        this(ticker, pollInterval, conflictBackoff, maxConflictRetries,
                pollInterval.compareTo(FLOOR) < 0 ? pollInterval : FLOOR, pollInterval.compareTo(CAP) > 0 ? pollInterval : CAP, HEARTBEAT);
    }

    public static Pacing standard() {
        return new Pacing(Ticker.SYSTEM, Duration.ofSeconds(10), Duration.ofSeconds(15), 8);
    }

    /** The pause before the next poll: what ARM asked for, held between floor and cap; the poll interval when it did not say. */
    public Duration next(Optional<Duration> retryAfter) {
        return retryAfter.map(this::bounded).orElse(pollInterval);
    }

    /** {@code wait} held between the floor and the cap. */
    public Duration bounded(Duration wait) {
        return wait.compareTo(pollFloor) < 0 ? pollFloor : wait.compareTo(pollCap) > 0 ? pollCap : wait;
    }

    public void pause(Duration duration) {
        try {
            ticker.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedWait();
        }
    }

    /** Ctrl-C or a cancelled pipeline while waiting; the operation in Azure carries on. */
    public static final class InterruptedWait extends io.aksflux.error.AksfluxException {
        public InterruptedWait() {
            super("interrupted while waiting; any operation already started continues in Azure");
        }
    }
}

package io.aksflux.apply;

import java.time.Duration;

/** How often to poll and how long to back off on conflicts; tests shorten everything. */
public record Pacing(Ticker ticker, Duration pollInterval, Duration conflictBackoff, int maxConflictRetries) {

    public static Pacing standard() {
        return new Pacing(Ticker.SYSTEM, Duration.ofSeconds(10), Duration.ofSeconds(15), 8);
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

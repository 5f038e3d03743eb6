package io.aksflux.base;

import java.time.Duration;
import java.time.Instant;

/** Time as the engine sees it: tests pass a simulated ticker, so no test ever sleeps for real. */
public interface Ticker {
    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };
}

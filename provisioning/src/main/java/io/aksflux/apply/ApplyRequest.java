package io.aksflux.apply;

import io.aksflux.environment.Environment;

import java.time.Duration;
import java.util.Set;

/** What to apply and how: stages to skip, whether to wait, for how long, and whether to register providers. */
public record ApplyRequest(Environment environment, Set<Stage> skip, boolean waitForCompletion, Duration waitTimeout,
                           boolean registerProviders) {
    public ApplyRequest {
        skip = Set.copyOf(skip);
    }
}

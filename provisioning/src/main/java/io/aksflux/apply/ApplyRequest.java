package io.aksflux.apply;

import io.aksflux.environment.Environment;

import io.aksflux.template.RenderedFile;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to apply and how: the environment and the repository files it seeds, stages to skip, whether to wait,
 * for how long, and whether to register providers.
 */
public record ApplyRequest(Environment environment, List<RenderedFile> files, Set<Stage> skip, boolean waitForCompletion,
                           Duration waitTimeout, boolean registerProviders) {
    public ApplyRequest {
        files = List.copyOf(files);
        skip = Set.copyOf(skip);
    }
}

package io.aksflux.error;

import java.util.List;
import java.util.stream.Collectors;

/** The environment files (or overrides) are not valid; carries every problem found, not just the first. */
public final class EnvironmentException extends AksfluxException {
    private final List<Problem> problems;

    public EnvironmentException(List<Problem> problems) {
        super(problems.stream().map(Problem::render).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

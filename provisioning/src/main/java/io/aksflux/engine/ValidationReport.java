package io.aksflux.engine;

import io.aksflux.error.Problem;

import java.util.List;

/** The outcome of checking environment files: every problem of every environment, and the warnings beside them. */
public record ValidationReport(List<Result> results) {

    /** @param warnings what is printed but does not make the environment invalid (the prune guard's warnings) */
    public record Result(String environment, List<Problem> problems, List<Problem> warnings) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public Result(String environment, List<Problem> problems) {
            this(environment, problems, List.of());
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public boolean valid() {
        return results.stream().allMatch(Result::valid);
    }
}

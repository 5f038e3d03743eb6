package io.aksflux.engine;

import io.aksflux.error.Problem;

import java.util.List;

/** The outcome of checking environment files: every problem of every environment. */
public record ValidationReport(List<Result> results) {

    public record Result(String environment, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public boolean valid() {
        return results.stream().allMatch(Result::valid);
    }
}

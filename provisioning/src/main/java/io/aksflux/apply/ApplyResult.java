package io.aksflux.apply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The outcome of apply: each stage, whether it converged, and what blocks convergence when it did not. */
@JsonPropertyOrder({"environment", "outcome", "stages", "blocking"})
public record ApplyResult(String environment, Outcome outcome, List<StageResult> stages,
                          List<ResourceState.ObjectStatus> blocking) {

    public enum Outcome { CONVERGED, APPLIED, TIMED_OUT }

    @JsonPropertyOrder({"stage", "status", "detail"})
    public record StageResult(String stage, String status, String detail) {
    }

    @JsonIgnore
    public boolean wroteAnything() {
        return stages.stream().anyMatch(s -> s.status().equals("changed"));
    }
}

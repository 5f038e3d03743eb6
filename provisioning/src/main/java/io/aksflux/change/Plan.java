package io.aksflux.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What aksflux would do to bring one environment to its desired state.
 *
 * @param warnings what the plan found that is worth reading but refuses nothing (the prune guard's warnings, as
 *                 {@code FILE:LINE: field: message}); left out of the JSON when there are none
 */
@JsonPropertyOrder({"environment", "changes", "warnings"})
public record Plan(String environment, List<Change> changes,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
    public Plan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public Plan(String environment, List<Change> changes) {
        this(environment, changes, List.of());
    }

    public Plan withWarnings(List<String> more) {
        return new Plan(environment, changes, java.util.stream.Stream.concat(warnings.stream(), more.stream()).toList());
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() != Action.NONE);
    }
}

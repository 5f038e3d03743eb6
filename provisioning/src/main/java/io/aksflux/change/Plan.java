package io.aksflux.change;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** What aksflux would do to bring one environment to its desired state. */
@JsonPropertyOrder({"environment", "changes"})
public record Plan(String environment, List<Change> changes) {
    public Plan {
        changes = List.copyOf(changes);
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() != Action.NONE);
    }
}

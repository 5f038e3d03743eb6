package io.aksflux.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** What seeding did (or, in a dry run, would do) to each repository. */
@JsonPropertyOrder({"environment", "dryRun", "repos"})
public record SeedResult(String environment, boolean dryRun, List<Repo> repos) {
    public SeedResult {
        repos = List.copyOf(repos);
    }

    /** One repository: the branch written, the commit made (null when none) and whether it was pushed. */
    @JsonPropertyOrder({"repo", "url", "branch", "commit", "pushed", "changes"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Repo(String repo, String url, String branch, String commit, boolean pushed, List<Change.Git> changes) {
        public Repo {
            changes = List.copyOf(changes);
        }

        @JsonIgnore
        public List<Change.Git> writes() {
            return changes.stream().filter(c -> c.action() != Action.NONE).toList();
        }

        @JsonIgnore
        public List<Change.Git> drift() {
            return changes.stream().filter(Change.Git::drifted).toList();
        }
    }

    @JsonIgnore
    public boolean hasChanges() {
        return repos.stream().anyMatch(r -> !r.writes().isEmpty());
    }

    @JsonIgnore
    public List<Change.Git> changes() {
        return repos.stream().flatMap(r -> r.changes().stream()).toList();
    }
}

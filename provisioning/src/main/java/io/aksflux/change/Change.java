package io.aksflux.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of a plan. The three targets share {@code target} and {@code action}; the JSON shape of each is
 * part of aksflux's contract with pipelines, so field names and order are fixed here.
 */
public sealed interface Change permits Change.Arm, Change.Git, Change.Cluster {

    @JsonProperty("target")
    String target();

    Action action();

    /** {@code diff} lists field changes of an update (omitted when empty). */
    @JsonPropertyOrder({"target", "action", "type", "id", "apiVersion", "body", "diff"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Arm(Action action, String type, String id, String apiVersion, ObjectNode body,
               java.util.List<io.aksflux.change.ArmDiff.FieldChange> diff) implements Change {
        public Arm {
            diff = diff == null ? java.util.List.of() : java.util.List.copyOf(diff);
        }

        @Override
        @JsonProperty("target")
        public String target() {
            return "arm";
        }
    }

    /**
     * A repository file. {@code drift} (omitted unless true) marks a file that exists and differs from the
     * template and is not merged (not a kustomization, or one the layout keeps): it is left alone and reported, with {@code diff}
     * a unified diff from the repository's file to the template (both as YAML documents, so quoting, key order,
     * comments and whitespace are not differences).
     */
    @JsonPropertyOrder({"target", "action", "repo", "path", "content", "drift", "diff"})
    record Git(Action action, String repo, String path, String content,
               @JsonInclude(JsonInclude.Include.NON_NULL) Boolean drift,
               @JsonInclude(JsonInclude.Include.NON_NULL) String diff) implements Change {
        public Git(Action action, String repo, String path, String content) {
            this(action, repo, path, content, null, null);
        }

        public Git(Action action, String repo, String path, String content, Boolean drift) {
            this(action, repo, path, content, drift, null);
        }

        public static Git drift(String repo, String path, String content) {
            return new Git(Action.NONE, repo, path, content, Boolean.TRUE, null);
        }

        public static Git drift(String repo, String path, String content, String diff) {
            return new Git(Action.NONE, repo, path, content, Boolean.TRUE, diff);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean drifted() {
            return Boolean.TRUE.equals(drift);
        }

        @Override
        @JsonProperty("target")
        public String target() {
            return "git";
        }
    }

    /** A cluster object; its data (a secret value) is deliberately not part of the change. */
    @JsonPropertyOrder({"target", "action", "kind", "namespace", "name"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cluster(Action action, String kind, String namespace, String name) implements Change {
        @Override
        @JsonProperty("target")
        public String target() {
            return "cluster";
        }
    }
}

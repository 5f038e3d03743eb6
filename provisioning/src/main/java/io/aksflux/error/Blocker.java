package io.aksflux.error;

/**
 * What kept an environment from being done, as data for reports: the object ({@code Kustomization services},
 * {@code HelmRelease flux-config/ffc-demo-web}, the {@code extension flux}), the state it was last in, and what it said.
 * Messages come from Azure and Flux; whoever renders them passes them through the redactor like any other output.
 */
public record Blocker(String kind, String name, String state, String message) {
    public Blocker {
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
        state = state == null ? "" : state;
        message = message == null ? "" : message;
    }

    /** {@code Kustomization services: NonCompliant: message}, without the empty parts. */
    public String describe() {
        String object = (kind + " " + name).strip();
        return object + (state.isEmpty() ? "" : ": " + state) + (message.isEmpty() ? "" : ": " + message);
    }
}

package io.aksflux.wait;

/**
 * What a wait last saw of one target.
 *
 * @param namespace where the object was found (empty while it is not reported)
 * @param wanted    the version or revision waited for (a Kustomization's: the source's head when none was named; empty:
 *                  any, for a semver pin)
 * @param seen      the version or revision it is Ready at, or last tried (empty when unknown)
 * @param message   Flux's message, or why it is still pending ({@code not reported yet})
 */
public record TargetState(Target target, State state, String namespace, String wanted, String seen, String message) {

    public enum State { PENDING, READY, FAILED }

    static TargetState pending(Target target, String namespace, String wanted, String seen, String message) {
        return new TargetState(target, State.PENDING, namespace, wanted, seen, message);
    }

    public boolean ready() {
        return state == State.READY;
    }

    /** The target's name with the namespace it was found in: {@code HelmRelease flux-config/ffc-demo-web}. */
    public String label() {
        return target instanceof Target.HelmRelease r && !namespace.isEmpty() ? "HelmRelease " + namespace + "/" + r.name() : target.label();
    }

    /** {@code ready at 4.32.30}, {@code pending: 4.32.29 Ready, waiting for 4.32.30}, {@code FAILED: Helm upgrade failed ...}. */
    public String describe() {
        return switch (state) {
            case READY -> "ready at " + seen;
            case PENDING -> "pending: " + message;
            case FAILED -> "FAILED: " + message;
        };
    }
}

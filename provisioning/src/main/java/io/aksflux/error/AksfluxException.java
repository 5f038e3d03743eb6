package io.aksflux.error;

/** Root of the few domain exceptions; the CLI renders each in one place. Messages never hold secrets. */
public abstract class AksfluxException extends RuntimeException {
    private final transient java.util.List<Blocker> blockers;

    protected AksfluxException(String message) {
        this(message, java.util.List.of());
    }

    /** A failure that knows the objects that caused it, so reports need not parse its message. */
    protected AksfluxException(String message, java.util.List<Blocker> blockers) {
        super(message);
        this.blockers = java.util.List.copyOf(blockers);
    }

    protected AksfluxException(String message, Throwable cause) {
        super(message, cause);
        this.blockers = java.util.List.of();
    }

    /** The objects that blocked, as far as the failure knows them; empty when it is not about an object. */
    public java.util.List<Blocker> blockers() {
        return blockers;
    }
}

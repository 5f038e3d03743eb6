package io.aksflux.error;


/** A wait reached its deadline ({@code --wait-timeout}); the message names what was awaited and the state it was last in. */
public final class WaitTimedOutException extends AksfluxException {
    public WaitTimedOutException(String message) {
        super(message);
    }

    /** The same, naming the objects that blocked. */
    public WaitTimedOutException(String message, java.util.List<io.aksflux.error.Blocker> blockers) {
        super(message, blockers);
    }
}

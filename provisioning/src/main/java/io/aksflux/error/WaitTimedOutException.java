package io.aksflux.error;

/** A wait reached its deadline ({@code --wait-timeout}); the message names what was awaited and the state it was last in. */
public final class WaitTimedOutException extends AksfluxException {
    public WaitTimedOutException(String message) {
        super(message);
    }
}

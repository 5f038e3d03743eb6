package io.aksflux.error;

/** Root of the few domain exceptions; the CLI renders each in one place. Messages never hold secrets. */
public abstract class AksfluxException extends RuntimeException {
    protected AksfluxException(String message) {
        super(message);
    }

    protected AksfluxException(String message, Throwable cause) {
        super(message, cause);
    }
}

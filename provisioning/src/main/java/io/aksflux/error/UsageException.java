package io.aksflux.error;

/** The command was asked for something it cannot do as given; the message says what to do instead. */
public final class UsageException extends AksfluxException {
    public UsageException(String message) {
        super(message);
    }
}

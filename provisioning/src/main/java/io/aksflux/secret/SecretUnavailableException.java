package io.aksflux.secret;

import io.aksflux.error.AksfluxException;

/** A protected setting whose reference cannot be resolved; names the field and the reference, never a value (and the {@link Redactor} sees to it). */
public final class SecretUnavailableException extends AksfluxException {
    public SecretUnavailableException(String message) {
        super(Redactor.shared().redact(message));
    }
}

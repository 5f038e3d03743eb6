package io.aksflux.wait;

import io.aksflux.error.AksfluxException;

/** A release this wait waited for failed in Flux (install or upgrade); the message carries Flux's own. */
public final class ReleaseFailedException extends AksfluxException {
    public ReleaseFailedException(String message) {
        super(message);
    }
}

package io.aksflux.apply;

import io.aksflux.error.AksfluxException;

/** Azure reported a resource Failed, or a precondition of apply does not hold; the message says which and why. */
public final class ProvisioningFailedException extends AksfluxException {
    public ProvisioningFailedException(String message) {
        super(message);
    }

    /** The same, naming the objects that blocked. */
    public ProvisioningFailedException(String message, java.util.List<io.aksflux.error.Blocker> blockers) {
        super(message, blockers);
    }
}

package io.aksflux.cli;

import io.aksflux.error.AksfluxException;

/** The user answered no at the confirmation: nothing was changed. */
final class ApplyCancelled extends AksfluxException {
    ApplyCancelled() {
        super("Apply cancelled; nothing was changed.");
    }
}

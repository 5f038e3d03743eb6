package io.aksflux.error;

import io.aksflux.config.Origin;

/** One thing wrong with the input: where, which field, and what is allowed. */
public record Problem(Origin origin, String field, String message) {

    public String render() {
        String where = origin == null ? "" : origin.render() + ": ";
        String what = field == null || field.isEmpty() ? "" : field + ": ";
        return where + what + message;
    }
}

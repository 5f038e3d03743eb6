package io.aksflux.error;

/** A template set is broken: a missing file, a bad placeholder, a path that leaves the repository. */
public final class TemplateException extends AksfluxException {
    public TemplateException(String message) {
        super(message);
    }
}

package io.aksflux.template;

import java.util.Optional;

/** What templates may read: the environment's fields by dotted path (the environment implements it). */
public interface TemplateValues {
    /** A scalar field as text, for {@code {{a.b.c}}}. */
    Optional<String> lookup(String dottedPath);

    /** Any field, scalar, list or mapping, for a placeholder that is a whole YAML value. */
    Optional<Object> value(String dottedPath);
}

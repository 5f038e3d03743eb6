package io.aksflux.change;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What applying a change does to its target. */
public enum Action {
    CREATE, UPDATE, DELETE, NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

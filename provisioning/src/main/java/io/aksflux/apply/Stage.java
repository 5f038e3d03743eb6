package io.aksflux.apply;

import java.util.Locale;

/** The fixed order in which apply works. */
public enum Stage {
    PREFLIGHT, SEED, NOTIFICATIONS, DEPLOY_KEYS, EXTENSION, FLUX, CONVERGE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Stage parse(String text) {
        for (Stage s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new io.aksflux.error.UsageException("unknown stage '" + text + "'; stages: preflight, seed, notifications, deploy-keys, extension, flux, converge");
    }
}

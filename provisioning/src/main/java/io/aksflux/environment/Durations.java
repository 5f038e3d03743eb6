package io.aksflux.environment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Intervals as written in environment files: seconds (300) or Go-style durations (5m, 1h30m, 90s). */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("^(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$");

    private Durations() {
    }

    /** Parses a value the schema already accepted. */
    public static Duration parse(Object value) {
        if (value instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        Matcher m = DURATION.matcher(String.valueOf(value));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long seconds = group(m, 1) * 3600 + group(m, 2) * 60 + group(m, 3);
        return Duration.ofSeconds(seconds);
    }

    private static long group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
    }

    /** Flux's own notation, as in {@code interval: 5m}. */
    public static String toFlux(Duration d) {
        return io.aksflux.base.DurationText.flux(d);
    }
}

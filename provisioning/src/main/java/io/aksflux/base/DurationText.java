package io.aksflux.base;

import java.time.Duration;

/** Durations written as Flux writes them ({@code 1h5m}, {@code 90s} is {@code 1m30s}): the one notation aksflux uses. */
public final class DurationText {
    private DurationText() {
    }

    public static String flux(Duration d) {
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.length() == 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}

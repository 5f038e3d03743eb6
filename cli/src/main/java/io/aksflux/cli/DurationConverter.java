package io.aksflux.cli;

import io.aksflux.environment.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Durations on the command line as in environment files: 20m, 90s, 1h30m or plain seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Object parsed = value.matches("[0-9]+") ? (Object) Long.parseLong(value) : value;
            Duration d = Durations.parse(parsed);
            if (d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 20m, 90s or 1h30m");
        }
    }
}

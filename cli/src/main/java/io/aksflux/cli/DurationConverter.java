package io.aksflux.cli;

import io.aksflux.environment.Durations;
import picocli.CommandLine;

import java.time.Duration;

/**
 * Durations on the command line as in environment files: 20m, 90s, 1h30m or plain seconds. Zero is a duration
 * (an emulator operation that ends at once); options where zero makes no sense use {@link Positive}.
 */
class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Object parsed = value.matches("[0-9]+") ? (Object) Long.parseLong(value) : value;
            if (value.isBlank()) {
                throw new IllegalArgumentException();
            }
            return Durations.parse(parsed);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 20m, 90s or 1h30m");
        }
    }

    /** A duration longer than zero, e.g. how long to wait: waiting no time at all would always time out. */
    static final class Positive extends DurationConverter {
        @Override
        public Duration convert(String value) {
            Duration duration = super.convert(value);
            if (duration.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero; use e.g. 20m, 90s or 1h30m");
            }
            return duration;
        }
    }
}

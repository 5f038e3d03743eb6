package io.aksflux.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.function.Supplier;

/**
 * Ctrl-C while a command works, the same way for every command: what it cleans up, then what it says ({@code aksflux:
 * MESSAGE} on stderr, and with {@code -o json} the error object of kind {@code interrupted}), through {@link Interrupts}.
 */
final class Interruptible {
    private Interruptible() {
    }

    /**
     * Runs {@code work}; Ctrl-C meanwhile says {@code says} (read when it happens: what was running, what stays, the
     * command to re-run). The progress is finished either way.
     */
    static <T> T run(CommandSpec spec, CliContext context, String environment, Supplier<String> says, ConsoleProgress progress,
                     Supplier<T> work) {
        try (Interrupts.Registration ignored = saying(spec, context, environment, () -> { }, says)) {
            return progress.finishing(work);
        }
    }

    /** Until closed, Ctrl-C runs {@code cleanUp}, then says {@code says}. */
    static Interrupts.Registration saying(CommandSpec spec, CliContext context, String environment, Runnable cleanUp,
                                          Supplier<String> says) {
        return context.interrupts().during(() -> {
            cleanUp.run();
            ErrorRenderer.interrupted(spec.commandLine(), environment, says.get());
        });
    }

    /** Until closed, Ctrl-C runs {@code cleanUp}, which says what it did itself. */
    static Interrupts.Registration cleaningUp(CliContext context, Runnable cleanUp) {
        return context.interrupts().during(cleanUp);
    }
}

package io.aksflux.cli;

import io.aksflux.error.AksfluxException;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import io.aksflux.secret.Redactor;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The one place errors become messages and exit codes. Domain exceptions print their message; anything unexpected
 * prints its type and message, never a stack trace. Every message passes the {@link Redactor} (the last line of
 * defence: error paths redact at the source) and {@link Inert}: only the first line of an error starts at the margin,
 * so nothing a message quotes can pass for an {@code error:} line of its own.
 */
final class ErrorRenderer implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof EnvironmentException env) {
            for (Problem p : env.problems()) {
                print(err, "error: ", p.render());
            }
        } else {
            print(err, "error: ", message(e));
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    /** What a failure says, redacted: a domain exception's message, else its type and message. */
    static String message(Exception e) {
        return Redactor.shared().redact(e instanceof AksfluxException ? e.getMessage()
                : "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** {@code prefix} and the first line of {@code message}, then its other lines indented; every line inert. */
    static void print(PrintWriter err, String prefix, String message) {
        String[] lines = Redactor.shared().redact(message).split("\r?\n", -1);
        err.println(prefix + Inert.line(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                err.println("  " + Inert.line(lines[i]));
            }
        }
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + Inert.line(Redactor.shared().redact(e.getMessage())));
        cli.getErr().println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        cli.getErr().flush();
        return ExitCodes.ERROR;
    }
}

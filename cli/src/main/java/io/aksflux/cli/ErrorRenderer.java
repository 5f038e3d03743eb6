package io.aksflux.cli;

import io.aksflux.error.AksfluxException;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The one place errors become messages and exit codes. Domain exceptions print their message (which never
 * holds a secret); anything unexpected prints its type and message, never a stack trace.
 */
final class ErrorRenderer implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof EnvironmentException env) {
            for (Problem p : env.problems()) {
                err.println("error: " + p.render());
            }
        } else {
            err.println("error: " + message(e));
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    /** What a failure says: a domain exception's message, else its type and message. */
    static String message(Exception e) {
        return e instanceof AksfluxException ? e.getMessage() : "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + e.getMessage());
        cli.getErr().println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        cli.getErr().flush();
        return ExitCodes.ERROR;
    }
}

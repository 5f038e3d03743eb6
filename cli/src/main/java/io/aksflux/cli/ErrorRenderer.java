package io.aksflux.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.base.Pacing;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.arm.ArmException;
import io.aksflux.azure.AzureArmGateway;
import io.aksflux.error.AksfluxException;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.GitException;
import io.aksflux.error.Problem;
import io.aksflux.secret.Redactor;
import io.aksflux.error.TemplateException;
import io.aksflux.error.UsageException;
import io.aksflux.secret.SecretUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * The one place errors become messages and exit codes. Domain exceptions print their message; anything unexpected
 * prints its type and message, never a stack trace. Every message passes the {@link Redactor} (the last line of
 * defence: error paths redact at the source) and {@link Inert}: only the first line of an error starts at the margin,
 * so nothing a message quotes can pass for an {@code error:} line of its own. With {@code -o json} stdout also gets
 * one error object, the same shape for every command:
 * {@code {"environment": "snd4" | null, "error": {"kind", "message", "exitCode"}}}; a single {@code apply} whose seed pushed
 * before the failure adds {@code "seed"}: the seed result, as an estate's entry carries it.
 */
final class ErrorRenderer implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final Interrupts interrupts;

    ErrorRenderer(Interrupts interrupts) {
        this.interrupts = interrupts;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (interrupts.interrupted()) {
            // the interrupt stopped what this command was using (the demo's emulator, a clone): its handlers say what
            // happened and what is left; the failure it caused on the way is no error of its own
            return ExitCodes.INTERRUPTED;
        }
        Exception failure = EnvironmentFailure.cause(e);
        int exitCode = ExitCodes.of(failure);
        PrintWriter err = cli.getErr();
        if (failure instanceof EnvironmentException env) {
            for (Problem p : env.problems()) {
                print(err, "error: ", p.render());
            }
        } else if (failure instanceof ApplyCancelled) {
            err.println(failure.getMessage());
        } else {
            print(err, "error: ", message(failure));
        }
        err.flush();
        if (wantsJson(cli)) {
            String environment = EnvironmentFailure.environmentOf(e).orElseGet(() -> singleEnvironment(cli).orElse(null));
            ObjectNode root = errorObject(environment, error(failure, exitCode));
            EnvironmentFailure.pushedSeedOf(e).ifPresent(seed -> root.set("seed", Json.tree(seed))); // what stays in Git
            printRoot(cli, root);
        }
        return exitCode;
    }

    /** What a failure says, redacted: a domain exception's message, else its type and message. */
    static String message(Exception e) {
        if (e instanceof InterruptedException) {
            return "interrupted";
        }
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

    /** {@code {"kind", "message", "exitCode"}}: a failure as JSON, also inside an estate's entries. */
    static ObjectNode error(Exception e, int exitCode) {
        return JsonNodeFactory.instance.objectNode().put("kind", kind(e)).put("message", message(e)).put("exitCode", exitCode);
    }

    /** What sort of failure, for pipelines to branch on without parsing messages. */
    static String kind(Exception e) {
        if (e instanceof EnvironmentException) {
            return "invalid-environment";
        } else if (e instanceof UsageException || e instanceof CommandLine.ParameterException) {
            return "usage";
        } else if (e instanceof TemplateException) {
            return "template";
        } else if (e instanceof GitException) {
            return "git";
        } else if (e instanceof SecretUnavailableException) {
            return "secret";
        } else if (e instanceof io.aksflux.azure.ArmCredentials.NoCredentialException) {
            return "credentials";
        } else if (e instanceof ArmException || e instanceof AzureArmGateway.ArmUnreachableException) {
            return "azure";
        } else if (e instanceof io.aksflux.error.WaitTimedOutException) {
            return "timeout";
        } else if (e instanceof ProvisioningFailedException) {
            return "provisioning";
        } else if (e instanceof io.aksflux.wait.ReleaseFailedException) {
            return "release-failed";
        } else if (e instanceof Pacing.InterruptedWait || e instanceof InterruptedException) {
            return "interrupted";
        } else if (e instanceof ApplyCancelled) {
            return "cancelled";
        }
        return e instanceof AksfluxException ? "failed" : "unexpected";
    }

    /**
     * What an interruption says (from the shutdown hook, while the command still runs): on stderr, and with
     * {@code -o json} the error object of kind {@code interrupted} (exit 130) on stdout.
     */
    static void interrupted(CommandLine cli, String environment, String message) {
        cli.getErr().println();
        cli.getErr().println("aksflux: " + message);
        cli.getErr().flush();
        if (wantsJson(cli)) {
            printJson(cli, environment, JsonNodeFactory.instance.objectNode().put("kind", "interrupted").put("message", message)
                    .put("exitCode", ExitCodes.INTERRUPTED));
        }
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + Inert.line(Redactor.shared().redact(e.getMessage())));
        cli.getErr().println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        cli.getErr().flush();
        if (wantsJson(cli)) {
            printJson(cli, null, JsonNodeFactory.instance.objectNode().put("kind", "usage").put("message", Redactor.shared().redact(e.getMessage()))
                    .put("exitCode", ExitCodes.of(e)));
        }
        return ExitCodes.of(e);
    }

    private static void printJson(CommandLine cli, String environment, ObjectNode error) {
        printRoot(cli, errorObject(environment, error));
    }

    private static ObjectNode errorObject(String environment, ObjectNode error) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("environment", environment);
        root.set("error", error);
        return root;
    }

    private static void printRoot(CommandLine cli, ObjectNode root) {
        cli.getOut().println(Json.write(root));
        cli.getOut().flush();
    }

    /** Whether the command was asked for {@code -o json} (as far as its options were parsed). */
    private static boolean wantsJson(CommandLine cli) {
        CommandLine.Model.OptionSpec output = cli.getCommandSpec().findOption("--output");
        return output != null && output.getValue() == OutputFormat.JSON;
    }

    /** The environment the command names, when it names exactly one. */
    private static Optional<String> singleEnvironment(CommandLine cli) {
        for (ArgSpec positional : cli.getCommandSpec().positionalParameters()) {
            if (!"ENV".equals(positional.paramLabel())) {
                continue;
            }
            Object value = positional.getValue();
            if (value instanceof String name) {
                return Optional.of(name);
            }
            if (value instanceof List<?> names && names.size() == 1) {
                return Optional.of(names.get(0).toString());
            }
        }
        return Optional.empty();
    }
}

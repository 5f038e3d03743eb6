package io.aksflux.cli;

import io.aksflux.secret.CredentialVariables;
import io.aksflux.secret.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;

/** The root command: only lists its subcommands. */
@Command(name = "aksflux",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stands up, checks and rebuilds Flux GitOps on AKS from one environment file.",
        subcommands = {ValidateCommand.class, PlanCommand.class, SeedCommand.class, ApplyCommand.class, StatusCommand.class, DestroyCommand.class, DemoCommand.class,
                EmulatorCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (plan: no changes with --detailed-exitcode)",
                "1:error: invalid input, failed operation",
                "2:plan or seed has changes (with --detailed-exitcode)",
                "3:convergence timed out"})
public final class AksfluxCommand {

    /** A command line wired with the process environment (injected so tests control it). */
    public static CommandLine commandLine(Map<String, String> processEnvironment) {
        return commandLine(CliContext.of(processEnvironment));
    }

    public static CommandLine commandLine(CliContext context) {
        CredentialVariables.registerValues(context.processEnvironment(), Redactor.shared());
        CommandLine cli = new InertCommandLine(new AksfluxCommand(), new CommandFactory(context));
        cli.setExecutionExceptionHandler(new ErrorRenderer());
        cli.setParameterExceptionHandler(new ErrorRenderer());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // every escape sequence is escaped on the way out, so help is plain text
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(cli.getOut()).setErr(cli.getErr()); // the default writers too, before a subcommand makes its own
        return cli;
    }

    /** A command line whose writers, whoever sets them (tests do), are always {@link InertWriter}s. */
    private static final class InertCommandLine extends CommandLine {
        InertCommandLine(Object command, IFactory factory) {
            super(command, factory);
        }

        @Override
        public CommandLine setOut(java.io.PrintWriter out) {
            return super.setOut(InertWriter.of(out));
        }

        @Override
        public CommandLine setErr(java.io.PrintWriter err) {
            return super.setErr(InertWriter.of(err));
        }
    }
}

package io.aksflux.cli;

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
        CommandLine cli = new CommandLine(new AksfluxCommand(), new CommandFactory(context));
        cli.setExecutionExceptionHandler(new ErrorRenderer());
        cli.setParameterExceptionHandler(new ErrorRenderer());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}

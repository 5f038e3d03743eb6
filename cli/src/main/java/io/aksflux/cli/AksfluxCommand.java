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
        subcommands = {ValidateCommand.class, PlanCommand.class, SeedCommand.class, ApplyCommand.class, StatusCommand.class, WaitCommand.class, DestroyCommand.class, DemoCommand.class,
                EmulatorCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (plan: no changes with --detailed-exitcode)",
                "1:error: invalid input, failed operation; apply cancelled at the prompt",
                "2:plan or seed has changes (with --detailed-exitcode)",
                "3:convergence or wait timed out",
                "130:interrupted (Ctrl-C); says what was running and what is left"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  aksflux demo                        everything on this machine, no Azure",
                "  aksflux validate                    check every environment file",
                "  aksflux plan snd4 --offline         what would be created; no Azure or Git",
                "  aksflux plan snd4 -o json           compare with Azure and Git, as JSON",
                "  aksflux apply snd4                  show the plan, ask, then converge",
                "  aksflux apply --all --yes -o json   rebuild every environment (pipelines)",
                "  aksflux status --all                one line per environment",
                "  aksflux wait snd4 --helmrelease ffc-demo-web --version 4.32.30",
                "                                      gate a pipeline on a deployed release",
                "  source <(aksflux completion)        tab completion (zsh: completion --help)",
                "",
                "Environment variables (credentials never go on the command line):",
                "  AKSFLUX_ARM_ENDPOINT         ARM endpoint (sovereign clouds, the emulator)",
                "  AKSFLUX_ARM_TOKEN            a pre-fetched ARM token; else in Azure DevOps",
                "                               the service connection (AZURESUBSCRIPTION_*,",
                "                               SYSTEM_ACCESSTOKEN, SYSTEM_OIDCREQUESTURI), else",
                "                               DefaultAzureCredential (env, identity, az CLI)",
                "  AKSFLUX_AKS_TOKEN            clusterToken for run command on Entra-only",
                "                               clusters, with AKSFLUX_ARM_TOKEN",
                "  AKSFLUX_CA_FILE              also trust the CAs in this PEM (the emulator's)",
                "  AKSFLUX_KEYVAULT_TOKEN       Key Vault token, with AKSFLUX_ARM_TOKEN",
                "  AKSFLUX_KEYVAULT_DNS_SUFFIX  Key Vault DNS suffix (sovereign clouds)",
                "  AKSFLUX_GIT_TOKEN            HTTPS Git token (else GITHUB_TOKEN, else",
                "                               SYSTEM_ACCESSTOKEN)",
                "  AKSFLUX_GIT_USERNAME         user sent with the token (x-access-token)",
                "  AKSFLUX_GIT_AUTH             entra: an Entra token for any https:// host",
                "  AKSFLUX_GIT_SSH_KEY          SSH private key (else ~/.ssh/id_ed25519, ...)",
                "  AKSFLUX_GIT_KNOWN_HOSTS      known_hosts (else ~/.ssh/known_hosts), strict",
                "  AKSFLUX_GITHUB_TOKEN         GitHub token for deploy keys (repo admin, or",
                "                               fine-grained Administration: write)",
                "  AKSFLUX_GITHUB_API_URL       GitHub API (GHES: https://HOST/api/v3)",
                "  AKSFLUX_JAVA_OPTS            JVM options for ./aksflux",
                "  TF_BUILD                     set by Azure DevOps: log groups, ##vso warnings"})
public final class AksfluxCommand {

    /** A command line wired with the process environment (injected so tests control it). */
    public static CommandLine commandLine(Map<String, String> processEnvironment) {
        return commandLine(CliContext.of(processEnvironment));
    }

    public static CommandLine commandLine(CliContext context) {
        CredentialVariables.registerValues(context.processEnvironment(), Redactor.shared());
        CommandLine cli = new InertCommandLine(new AksfluxCommand(), new CommandFactory(context));
        ErrorRenderer errors = new ErrorRenderer(context.interrupts());
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // every escape sequence is escaped on the way out, so help is plain text
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(cli.getOut()).setErr(cli.getErr()); // the default writers too, before a subcommand makes its own
        return cli;
    }
}

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
                EmulatorCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (plan: no changes with --detailed-exitcode)",
                "1:error: invalid input, failed operation, apply cancelled at the confirmation",
                "2:plan or seed has changes (with --detailed-exitcode)",
                "3:convergence timed out",
                "130:interrupted (Ctrl-C); says what was running and what is left"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  aksflux demo                              the whole job on this machine (local ARM emulator, temporary repositories)",
                "  aksflux validate                          check every environment file",
                "  aksflux plan snd4 --offline               what aksflux would create, without contacting Azure or Git",
                "  aksflux plan snd4 -o json                 compare with Azure and Git; one JSON object",
                "  aksflux apply snd4                        show the plan, ask, then converge",
                "  aksflux apply --all --yes -o json         rebuild every environment (a pipeline step)",
                "  aksflux status --all                      one line per environment",
                "  source <(aksflux completion)              tab completion in bash (zsh: see aksflux completion --help)",
                "",
                "Environment variables (credentials are never taken on the command line):",
                "  AKSFLUX_ARM_ENDPOINT      Azure Resource Manager endpoint (sovereign clouds, the emulator)",
                "  AKSFLUX_ARM_TOKEN         a pre-fetched ARM token; else Azure Pipelines' service connection",
                "                            (AZURESUBSCRIPTION_SERVICE_CONNECTION_ID, AZURESUBSCRIPTION_CLIENT_ID,",
                "                            AZURESUBSCRIPTION_TENANT_ID, SYSTEM_ACCESSTOKEN, SYSTEM_OIDCREQUESTURI),",
                "                            else DefaultAzureCredential (environment, workload/managed identity, Azure CLI)",
                "  AKSFLUX_CA_FILE           also trust the CAs in this PEM file (e.g. the emulator's)",
                "  AKSFLUX_KEYVAULT_TOKEN    Key Vault token when ARM is reached with AKSFLUX_ARM_TOKEN",
                "  AKSFLUX_KEYVAULT_DNS_SUFFIX  Key Vault DNS suffix for sovereign clouds",
                "  AKSFLUX_GIT_TOKEN         HTTPS Git token (else GITHUB_TOKEN, else SYSTEM_ACCESSTOKEN)",
                "  AKSFLUX_GIT_USERNAME      HTTPS Git user sent with the token (default x-access-token)",
                "  AKSFLUX_GIT_AUTH          'entra': an Entra token for any https:// Git host (Azure DevOps Server)",
                "  AKSFLUX_GIT_SSH_KEY       SSH private key file (else ~/.ssh/id_ed25519, id_ecdsa, id_rsa...)",
                "  AKSFLUX_GIT_KNOWN_HOSTS   known_hosts file for SSH (else ~/.ssh/known_hosts), checked strictly",
                "  AKSFLUX_JAVA_OPTS         JVM options for ./aksflux (e.g. -Djavax.net.ssl.trustStore=...)",
                "  TF_BUILD                  set by Azure DevOps: progress as log groups and ##vso warnings"})
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

package io.aksflux.cli;

import io.aksflux.arm.ArmGateway;
import io.aksflux.azure.ArmBudget;
import io.aksflux.azure.ArmConnection;
import io.aksflux.azure.ArmCredentials;
import io.aksflux.azure.AzureArmGateway;
import io.aksflux.azure.EntraGitToken;
import io.aksflux.azure.KeyVaultSecrets;
import io.aksflux.git.DeployKeyHost;
import io.aksflux.git.GitCredentials;
import io.aksflux.git.GitHubDeployKeys;
import io.aksflux.git.GitRemote;
import io.aksflux.git.JGitRemote;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.secret.SecretSource;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place the concrete adapters the engine works through are chosen, from the process environment: ARM over
 * the Azure SDK, Key Vault, Git over JGit (with an Entra token when {@code AKSFLUX_GIT_AUTH=entra}) and kubectl from
 * the PATH. The engine only ever sees their interfaces.
 */
final class Adapters {
    private final CliContext context;

    Adapters(CliContext context) {
        this.context = context;
    }

    /** @param endpoint {@code --arm-endpoint} (null: the environment's, else the public cloud) */
    ArmGateway arm(String endpoint, Path caFile) {
        ArmConnection connection = ArmConnection.from(endpoint, caFile, context.processEnvironment())
                .withRetryBaseDelay(context.httpRetryBaseDelay());
        var credential = ArmCredentials.resolve(context.processEnvironment());
        // one gateway, so one ARM budget, per command: every environment it applies waits out the same 429s
        return new AzureArmGateway(connection, credential, ArmCredentials.forAksServer(context.processEnvironment(), credential),
                new ArmBudget(context.pacing().ticker()));
    }

    /** Key Vault for {@code ${keyvault:...}} protected settings, reached with the same CA option and credentials. */
    SecretSource keyVault(String endpoint, Path caFile) {
        return KeyVaultSecrets.from(context.processEnvironment(),
                ArmConnection.from(endpoint, caFile, context.processEnvironment()).caFile());
    }

    /** The Git repositories as the process environment gives access to them (tokens, SSH key, Entra). */
    GitRemote git() {
        return new JGitRemote(new GitCredentials(context.processEnvironment(), EntraGitToken::fetch));
    }

    /** GitHub's deploy-key API with {@code AKSFLUX_GITHUB_TOKEN} (none without it), trusting the same CA file as ARM. */
    DeployKeyHost github(String endpoint, Path caFile) {
        return GitHubDeployKeys.from(context.processEnvironment(),
                ArmConnection.from(endpoint, caFile, context.processEnvironment()).httpClient());
    }

    /** Inside a pipeline (Azure DevOps, GitHub Actions, any CI): nobody is there to register a key by hand now. */
    boolean inPipeline() {
        var env = context.processEnvironment();
        return env.containsKey("TF_BUILD") || env.containsKey("GITHUB_ACTIONS") || "true".equalsIgnoreCase(env.get("CI"));
    }

    /** The kubectl {@code seed.verify: kubectl} runs: the first on the process's PATH. */
    Optional<Kubectl> kubectl() {
        return Kubectl.onPath(context.processEnvironment().getOrDefault("PATH", System.getenv("PATH")));
    }
}

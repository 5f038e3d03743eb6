package io.aksflux.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the credential for ARM without ever taking a secret from the command line: a pre-fetched token
 * ({@code AKSFLUX_ARM_TOKEN}), the Azure DevOps service connection inside a pipeline, else the chain
 * {@code DefaultAzureCredential} walks (environment, workload identity, managed identity, Azure CLI), but only the
 * links this machine can serve: a managed identity only where one answers, so a laptop with nothing set up hears at
 * once what to set instead of waiting half a minute for the instance metadata service.
 */
public final class ArmCredentials {
    /** What to set up, in every credential error. */
    static final String OPTIONS = "run `az login`; or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE "
            + "(workload identity) or AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH (service principal); or run where a "
            + "managed identity answers; or pass a pre-fetched token in AKSFLUX_ARM_TOKEN";

    private ArmCredentials() {
    }

    public static TokenCredential resolve(Map<String, String> env) {
        return resolve(env, ArmCredentials::metadataServiceAnswers);
    }

    /** @param managedIdentityAnswers asked only when no environment variable names a managed identity endpoint */
    static TokenCredential resolve(Map<String, String> env, java.util.function.BooleanSupplier managedIdentityAnswers) {
        String token = env.get("AKSFLUX_ARM_TOKEN");
        if (token != null && !token.isBlank()) {
            return token(token);
        }
        if (env.containsKey("SYSTEM_OIDCREQUESTURI") && env.containsKey("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID")) {
            return new AzurePipelinesCredentialBuilder()
                    .tenantId(env.get("AZURESUBSCRIPTION_TENANT_ID"))
                    .clientId(env.get("AZURESUBSCRIPTION_CLIENT_ID"))
                    .serviceConnectionId(env.get("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID"))
                    .systemAccessToken(env.get("SYSTEM_ACCESSTOKEN"))
                    .build();
        }
        return available(env, managedIdentityAnswers);
    }

    /** The credentials this machine can serve, tried in DefaultAzureCredential's order; fails at once when there is none. */
    private static TokenCredential available(Map<String, String> env, java.util.function.BooleanSupplier managedIdentityAnswers) {
        java.util.List<TokenCredential> chain = new java.util.ArrayList<>();
        java.util.List<String> names = new java.util.ArrayList<>();
        boolean app = has(env, "AZURE_CLIENT_ID") && has(env, "AZURE_TENANT_ID");
        if (app && (has(env, "AZURE_CLIENT_SECRET") || has(env, "AZURE_CLIENT_CERTIFICATE_PATH") || has(env, "AZURE_USERNAME"))) {
            chain.add(new EnvironmentCredentialBuilder().build());
            names.add("service principal from AZURE_CLIENT_*");
        }
        if (app && has(env, "AZURE_FEDERATED_TOKEN_FILE")) {
            chain.add(new WorkloadIdentityCredentialBuilder().build());
            names.add("workload identity");
        }
        if (has(env, "IDENTITY_ENDPOINT") || has(env, "MSI_ENDPOINT") || managedIdentityAnswers.getAsBoolean()) {
            ManagedIdentityCredentialBuilder managed = new ManagedIdentityCredentialBuilder();
            if (has(env, "AZURE_CLIENT_ID")) {
                managed.clientId(env.get("AZURE_CLIENT_ID"));
            }
            chain.add(managed.build());
            names.add("managed identity");
        }
        if (onPath(env, "az")) {
            chain.add(new AzureCliCredentialBuilder().build());
            names.add("Azure CLI");
        }
        if (chain.isEmpty()) {
            return request -> Mono.error(new NoCredentialException("no Azure credential is set up: " + OPTIONS));
        }
        TokenCredential chained = new ChainedTokenCredentialBuilder().addAll(chain).build();
        return request -> chained.getToken(request).onErrorMap(e -> !(e instanceof io.aksflux.error.AksfluxException),
                e -> new NoCredentialException(io.aksflux.secret.Redactor.shared().redact("no Azure credential worked (tried "
                        + String.join(", ", names) + "): " + firstLine(e.getMessage()) + "; " + OPTIONS)));
    }

    private static boolean has(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }

    private static boolean onPath(Map<String, String> env, String command) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))
                    || java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command + ".cmd")))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Whether the instance metadata service accepts a connection within half a second (on an Azure VM it does at once). */
    static boolean metadataServiceAnswers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("169.254.169.254", 80), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** No credential is set up, or none of those set up gave a token; the message says what to set. */
    public static final class NoCredentialException extends io.aksflux.error.AksfluxException {
        NoCredentialException(String message) {
            super(message);
        }
    }

    /**
     * The credential for {@code runCommand}'s {@code clusterToken} (scope {@code 6dae42f8-…/.default}):
     * {@code AKSFLUX_AKS_TOKEN} when set, else the ARM credential itself, except that a pre-fetched
     * {@code AKSFLUX_ARM_TOKEN} is for ARM only and cannot be asked for a second scope (empty then).
     */
    public static Optional<TokenCredential> forAksServer(Map<String, String> env, TokenCredential arm) {
        String token = env.get("AKSFLUX_AKS_TOKEN");
        if (token != null && !token.isBlank()) {
            return Optional.of(token(token));
        }
        String armToken = env.get("AKSFLUX_ARM_TOKEN");
        return armToken != null && !armToken.isBlank() ? Optional.empty() : Optional.of(arm);
    }

    /** A pre-fetched bearer token, whatever scope is asked for. */
    public static TokenCredential token(String token) {
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    /** Which kind of credential {@link #resolve} picks, for progress output (never the token). */
    public static String describe(Map<String, String> env) {
        if (env.get("AKSFLUX_ARM_TOKEN") != null && !env.get("AKSFLUX_ARM_TOKEN").isBlank()) {
            return "token from AKSFLUX_ARM_TOKEN";
        }
        if (env.containsKey("SYSTEM_OIDCREQUESTURI") && env.containsKey("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID")) {
            return "Azure DevOps service connection " + env.get("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID");
        }
        return "DefaultAzureCredential's chain (environment, workload identity, managed identity, Azure CLI)";
    }
}

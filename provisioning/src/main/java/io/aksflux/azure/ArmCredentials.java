package io.aksflux.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the credential for ARM without ever taking a secret from the command line: a pre-fetched token
 * ({@code AKSFLUX_ARM_TOKEN}), the Azure DevOps service connection inside a pipeline, else
 * {@code DefaultAzureCredential} (environment, workload identity, managed identity, Azure CLI).
 */
public final class ArmCredentials {
    private ArmCredentials() {
    }

    public static TokenCredential resolve(Map<String, String> env) {
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
        return new DefaultAzureCredentialBuilder().build();
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
        return "DefaultAzureCredential";
    }
}

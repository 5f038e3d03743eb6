package io.aksflux.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.Map;

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

    /** A pre-fetched bearer token, whatever scope is asked for. */
    static TokenCredential token(String token) {
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

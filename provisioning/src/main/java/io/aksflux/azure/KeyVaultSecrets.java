package io.aksflux.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import io.aksflux.secret.Redactor;
import io.aksflux.secret.SecretReference;
import io.aksflux.secret.SecretSource;
import io.aksflux.secret.SecretStore;
import io.aksflux.secret.SecretUnavailableException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Key Vault secrets for {@code ${keyvault:VAULT/SECRET}} protected settings, through the Key Vault client on the JDK
 * HTTP client. Vaults live at {@code https://VAULT.<suffix>}: {@code vault.azure.net}, or
 * {@code AKSFLUX_KEYVAULT_DNS_SUFFIX} in sovereign clouds. The credential is ARM's, except that a pre-fetched ARM
 * token cannot read Key Vault: {@code AKSFLUX_KEYVAULT_TOKEN} takes its place. Messages never include a value.
 */
public final class KeyVaultSecrets implements SecretSource, SecretStore {
    static final String PUBLIC_CLOUD_SUFFIX = "vault.azure.net";
    private final Function<String, String> vaultUrl;
    private final TokenCredential credential;
    private final HttpClient http;
    private final boolean verifyChallengeResource;
    private final Map<String, SecretClient> clients = new HashMap<>();

    private KeyVaultSecrets(Function<String, String> vaultUrl, TokenCredential credential, Optional<Path> caFile,
                            boolean verifyChallengeResource) {
        this.vaultUrl = vaultUrl;
        this.credential = credential;
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        caFile.ifPresent(ca -> jdk.sslContext(TrustedCertificates.withExtraCa(ca)));
        this.http = new JdkHttpClientBuilder(jdk).build();
        this.verifyChallengeResource = verifyChallengeResource;
    }

    public static KeyVaultSecrets from(Map<String, String> env, Optional<Path> caFile) {
        String suffix = env.getOrDefault("AKSFLUX_KEYVAULT_DNS_SUFFIX", PUBLIC_CLOUD_SUFFIX);
        String token = env.get("AKSFLUX_KEYVAULT_TOKEN");
        Map<String, String> withoutArmToken = new HashMap<>(env);
        withoutArmToken.remove("AKSFLUX_ARM_TOKEN");
        TokenCredential credential = token != null && !token.isBlank() ? ArmCredentials.token(token) : ArmCredentials.resolve(withoutArmToken);
        return new KeyVaultSecrets(vault -> "https://" + vault + "." + suffix, credential, caFile, true);
    }

    /**
     * Every vault at one endpoint: a local stand-in in tests. Its challenge cannot name the real Key Vault
     * resource, so the client's check that the challenge matches the vault's domain is off here only.
     */
    static KeyVaultSecrets at(String endpoint, TokenCredential credential, Path caFile) {
        return new KeyVaultSecrets(vault -> endpoint, credential, Optional.of(caFile), false);
    }

    private SecretClient client(String vault) {
        return clients.computeIfAbsent(vault, v -> {
            SecretClientBuilder builder = new SecretClientBuilder().vaultUrl(vaultUrl.apply(v)).credential(AzureArmGateway.registering(credential)).httpClient(http)
                    // as for ARM: no second try of an untrusted certificate or a missing credential
                    .retryOptions(new com.azure.core.http.policy.RetryOptions(new com.azure.core.http.policy.ExponentialBackoffOptions())
                            .setShouldRetryCondition(AzureArmGateway::worthRetrying));
            return (verifyChallengeResource ? builder : builder.disableChallengeResourceVerification()).buildClient();
        });
    }

    /**
     * Reads the current version and writes a new one only when it differs, so an unchanged value leaves the vault's
     * history alone. Needs {@code getSecret} and {@code setSecret} (Key Vault Secrets Officer).
     */
    @Override
    public synchronized boolean putIfDifferent(SecretReference.KeyVaultSecret secret, String value) {
        SecretClient client = client(secret.vault());
        try {
            String current;
            try {
                current = client.getSecret(secret.name()).getValue();
            } catch (ResourceNotFoundException e) {
                current = null;
            }
            if (value.equals(current)) {
                return false;
            }
            client.setSecret(secret.name(), value);
            return true;
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new SecretUnavailableException(secret + ": Key Vault answered " + status + (status == 401 || status == 403
                    ? "; the identity needs the Key Vault Secrets Officer role (getSecret, setSecret) on vault '" + secret.vault() + "'" : ""));
        } catch (RuntimeException e) {
            throw new SecretUnavailableException(secret + ": cannot reach Key Vault (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public synchronized Optional<String> find(SecretReference.KeyVaultSecret secret) {
        SecretClient client = client(secret.vault());
        try {
            String value = client.getSecret(secret.name()).getValue();
            Redactor.shared().register(value);
            return Optional.ofNullable(value).filter(v -> !v.isEmpty());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new SecretUnavailableException(secret + ": Key Vault answered " + status + (status == 401 || status == 403
                    ? "; the identity needs the Key Vault Secrets Officer role (getSecret, setSecret) on vault '" + secret.vault() + "'" : ""));
        } catch (RuntimeException e) {
            throw new SecretUnavailableException(secret + ": cannot reach Key Vault (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public synchronized String read(SecretReference.KeyVaultSecret secret) {
        SecretClient client = client(secret.vault());
        try {
            String value = client.getSecret(secret.name()).getValue();
            if (value == null || value.isEmpty()) {
                throw new SecretUnavailableException(secret + " is empty in Key Vault");
            }
            Redactor.shared().register(value);
            return value;
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException(secret + ": no secret '" + secret.name() + "' in vault '" + secret.vault() + "'");
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new SecretUnavailableException(secret + ": Key Vault answered " + status + (status == 401 || status == 403
                    ? "; the identity needs the Key Vault Secrets User role (getSecret) on vault '" + secret.vault() + "'" : ""));
        } catch (SecretUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // the SDK's own message may quote the request; name only what failed
            throw new SecretUnavailableException(secret + ": cannot reach Key Vault (" + e.getClass().getSimpleName() + ")");
        }
    }
}

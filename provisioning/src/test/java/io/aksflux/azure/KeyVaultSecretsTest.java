package io.aksflux.azure;

import io.aksflux.secret.SecretReference;
import io.aksflux.secret.SecretUnavailableException;
import io.aksflux.support.HttpsWireMock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Key Vault client path (challenge, bearer token, JDK client over HTTPS) against an HTTPS WireMock standing in
 * for a vault. Its challenge cannot name the real Key Vault resource, so the client's resource check is off here.
 */
class KeyVaultSecretsTest {
    @RegisterExtension
    static final HttpsWireMock https = new HttpsWireMock();
    private KeyVaultSecrets keyVault;

    @BeforeEach
    void connect() {
        https.challengeAsKeyVault(); // the client first asks without a token to learn where to get one, as Key Vault requires
        keyVault = KeyVaultSecrets.at(https.url(), ArmCredentials.token("kv-token"), https.ca());
    }

    @Test
    void a_secret_is_read_with_the_bearer_token() {
        https.server().stubFor(get(urlPathEqualTo("/secrets/core-git-token/")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(okJson("{\"value\": \"pat-from-vault\", \"id\": \"https://localhost/secrets/core-git-token/1\"}")));

        String value = keyVault.read(new SecretReference.KeyVaultSecret("platform-kv", "core-git-token"));

        assertThat(value).isEqualTo("pat-from-vault");
        https.server().verify(getRequestedFor(urlPathEqualTo("/secrets/core-git-token/")).withQueryParam("api-version", matching(".+")));
    }

    @Test
    void a_missing_secret_names_the_vault_and_secret() {
        https.server().stubFor(get(anyUrl()).atPriority(1).withHeader("Authorization", matching("Bearer .*"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"SecretNotFound\", \"message\": \"A secret with (name/id) gone was not found\"}}")));

        assertThatThrownBy(() -> keyVault.read(new SecretReference.KeyVaultSecret("platform-kv", "gone")))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("${keyvault:platform-kv/gone}: no secret 'gone' in vault 'platform-kv'");
    }

    @Test
    void a_refused_read_names_the_role_the_identity_needs() {
        https.server().stubFor(get(anyUrl()).atPriority(1).withHeader("Authorization", matching("Bearer .*"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"Forbidden\", \"message\": \"Caller is not authorized\"}}")));

        assertThatThrownBy(() -> keyVault.read(new SecretReference.KeyVaultSecret("platform-kv", "core-git-token")))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("${keyvault:platform-kv/core-git-token}: Key Vault answered 403;"
                        + " the identity needs the Key Vault Secrets User role (getSecret) on vault 'platform-kv'");
    }

    @Test
    void find_says_a_missing_secret_is_absent_and_returns_one_that_exists() {
        https.server().stubFor(get(urlPathEqualTo("/secrets/apps-deploykey/")).atPriority(1).withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"SecretNotFound\", \"message\": \"not found\"}}")));
        https.server().stubFor(get(urlPathEqualTo("/secrets/core-deploykey/")).atPriority(1).withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(okJson("{\"value\": \"stored-deploy-key\", \"id\": \"https://localhost/secrets/core-deploykey/1\"}")));

        assertThat(keyVault.find(new SecretReference.KeyVaultSecret("platform-kv", "apps-deploykey"))).isEmpty();
        assertThat(keyVault.find(new SecretReference.KeyVaultSecret("platform-kv", "core-deploykey"))).contains("stored-deploy-key");
        assertThat(io.aksflux.secret.Redactor.shared().redact("key stored-deploy-key")).isEqualTo("key ***");
    }
}

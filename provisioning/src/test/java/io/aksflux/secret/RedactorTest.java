package io.aksflux.secret;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the one redactor removes: secrets registered at resolve time, in every form, and credential-shaped text. */
class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void a_registered_secret_is_masked_raw_base64_json_escaped_and_url_encoded() {
        String secret = "pa\"ss/word+42\nline";
        redactor.register(secret);
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));

        assertThat(redactor.redact("raw " + secret + " b64 " + base64 + " json \"pa\\\"ss/word+42\\nline\" url pa%22ss%2Fword%2B42%0Aline"))
                .isEqualTo("raw *** b64 *** json \"***\" url ***");
    }

    @Test
    void values_too_short_to_be_secrets_are_not_registered() {
        redactor.register("demo");
        redactor.register("   ");
        redactor.register(null);

        assertThat(redactor.redact("aksflux demo")).isEqualTo("aksflux demo");
    }

    @Test
    void credential_shaped_text_is_masked_without_being_registered() {
        List<String> cases = List.of( // text, then what it reads redacted
                "Authorization: Bearer abc.def-ghi_jkl~mno", "Authorization: Bearer ***",
                "Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic ***",
                "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=c2VjcmV0a2V5+/=;EntityPath=hub",
                "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=***;EntityPath=hub",
                "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=a2V5a2V5a2V5==;EndpointSuffix=core.windows.net",
                "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=***;EndpointSuffix=core.windows.net",
                "SharedAccessSignature sr=ns&sig=abc%2Bdef&se=1700000000&skn=Send", "SharedAccessSignature ***",
                "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here", "token *** here",
                "clone https://x-access-token:ghp_123@github.com/o/r failed", "clone https://github.com/o/r failed",
                "ssh://git@github.com/o/r and ssh://git:pw@host/r", "ssh://git@github.com/o/r and ssh://host/r",
                "{\"properties\":{\"configurationProtectedSettings\":{\"httpsKey\":\"unregistered\"},\"x\":1}}",
                "{\"properties\":{\"configurationProtectedSettings\":{***},\"x\":1}}",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
                "-----BEGIN OPENSSH PRIVATE KEY-----***-----END OPENSSH PRIVATE KEY-----",
                "{\"client_secret\": \"abc\", \"password\":\"p\"} Password=hunter2;", "{\"client_secret\": \"***\", \"password\":\"***\"} Password=***;",
                "extension.protectedSettings.proxy.password: ${keyvault:kv/proxy-password}: Key Vault answered 403",
                "extension.protectedSettings.proxy.password: ${keyvault:kv/proxy-password}: Key Vault answered 403");

        for (int i = 0; i < cases.size(); i += 2) {
            assertThat(redactor.redact(cases.get(i))).as(cases.get(i)).isEqualTo(cases.get(i + 1));
        }
    }

    @Test
    void credential_variable_values_are_registered_except_paths_to_key_files() {
        CredentialVariables.registerValues(Map.of("AKSFLUX_GIT_TOKEN", "git-token-123456", "AKSFLUX_GIT_SSH_KEY", "/home/me/.ssh/id_ed25519",
                "AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token", "AKSFLUX_ARM_ENDPOINT", "https://localhost:8443"),
                redactor);

        assertThat(redactor.redact("git-token-123456 /home/me/.ssh/id_ed25519 /var/run/secrets/azure/tokens/azure-identity-token https://localhost:8443"))
                .isEqualTo("*** /home/me/.ssh/id_ed25519 /var/run/secrets/azure/tokens/azure-identity-token https://localhost:8443");
    }

    @Test
    void credential_variables_are_aksfluxs_the_azure_sdks_the_pipelines_and_names_with_credential_words() {
        assertThat(List.of("AKSFLUX_ARM_TOKEN", "AKSFLUX_GIT_TOKEN", "AKSFLUX_GIT_SSH_KEY", "AZURE_CLIENT_SECRET",
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_FEDERATED_TOKEN_FILE", "SYSTEM_ACCESSTOKEN", "GITHUB_TOKEN",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "MY_API_KEY", "ADO_PAT", "DB_PASSWD", "EVENTS_CONNECTION_STRING", "sas_token"))
                .allMatch(CredentialVariables::isCredential);
        assertThat(List.of("AKS_NAME", "TST3_SUBSCRIPTION_ID", "KEYVAULT_NAME", "APPCONFIG_MI_CLIENTID", "CLUSTER",
                "AKSFLUX_GIT_USERNAME", "PATH"))
                .noneMatch(CredentialVariables::isCredential);
    }

    @Test
    void a_secret_resolved_for_apply_is_masked_in_every_later_arm_error() {
        String value = "resolved-secret-" + java.util.UUID.randomUUID();
        new SecretResolver(Map.of("CORE_GIT_TOKEN", value), SecretSource.NONE).read("flux.protectedSettings.httpsKey",
                new SecretReference.EnvVariable("CORE_GIT_TOKEN"));

        io.aksflux.arm.ArmException error = new io.aksflux.arm.ArmException(400, "InvalidRequestContent",
                "could not deserialize {\"httpsKey\": \"" + value + "\"} sent with Authorization: Bearer abcdefgh12345678", null);

        assertThat(error.getMessage()).isEqualTo("Azure Resource Manager answered 400 InvalidRequestContent: could not deserialize"
                + " {\"httpsKey\": \"***\"} sent with Authorization: Bearer ***");
    }
}

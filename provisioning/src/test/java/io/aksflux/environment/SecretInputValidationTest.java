package io.aksflux.environment;

import io.aksflux.support.EnvironmentProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets stay secret whatever the input: credential variables are readable only as secret references, a reference
 * cannot be copied into a plain field, and repository URLs hold no credentials. Messages never repeat a secret.
 */
class SecretInputValidationTest {
    private static final String VALID = """
            azure:
              subscriptionId: 00000000-0000-0000-0000-000000000042
              resourceGroup: TSTADPINFRG1403
              cluster: TSTADPINFAK1403
            """;
    private static final String ARM_TOKEN = "arm-token-value-5d1e0c";
    private static final Map<String, String> CREDENTIALS = Map.of("AKSFLUX_ARM_TOKEN", ARM_TOKEN, "AZURE_CLIENT_SECRET", ARM_TOKEN,
            "MY_API_KEY", ARM_TOKEN, "ACTIONS_ID_TOKEN_REQUEST_TOKEN", ARM_TOKEN, "SYSTEM_ACCESSTOKEN", ARM_TOKEN,
            "EVENTS_CONNECTION_STRING", ARM_TOKEN, "CLUSTER", "TSTADPINFAK1403");

    @TempDir
    Path environments;

    private List<String> problemsOf(String file, String... overrides) throws IOException {
        List<String> rendered = EnvironmentProblems.of(environments, file, CREDENTIALS, List.of(overrides));
        assertThat(String.join("\n", rendered)).as("no message holds a secret").doesNotContain(ARM_TOKEN, "user:hunter2", "ghp_");
        return rendered;
    }

    @Test
    void the_arm_token_set_into_an_event_metadata_field_is_refused_naming_the_field_and_the_rule() throws IOException {
        assertThat(problemsOf(VALID, "notifications.eventMetadata.leak=${env:AKSFLUX_ARM_TOKEN}")).singleElement().asString()
                .startsWith("--set:0: notifications.eventMetadata.leak: ${env:AKSFLUX_ARM_TOKEN} reads a credential variable;")
                .contains("can be read only as a secret reference: extension.protectedSettings.<name>, flux.protectedSettings.<name>"
                        + " or notifications.connectionString");
    }

    @Test
    void credential_variables_in_a_substitution_are_refused_where_they_are_written() throws IOException {
        String file = VALID + """
                flux:
                  kustomizations:
                    infra:
                      substitute:
                        LEAK: "prefix-${env:AZURE_CLIENT_SECRET}"
                        PAT: ${env:MY_API_KEY}
                        OIDC: ${env:ACTIONS_ID_TOKEN_REQUEST_TOKEN}
                        ADO: ${env:SYSTEM_ACCESSTOKEN}
                        HUB: ${env:EVENTS_CONNECTION_STRING}
                """;

        assertThat(problemsOf(file)).extracting(p -> p.substring(0, p.indexOf(" reads "))).containsExactly(
                "9: flux.kustomizations.infra.substitute.LEAK: ${env:AZURE_CLIENT_SECRET}",
                "10: flux.kustomizations.infra.substitute.PAT: ${env:MY_API_KEY}",
                "11: flux.kustomizations.infra.substitute.OIDC: ${env:ACTIONS_ID_TOKEN_REQUEST_TOKEN}",
                "12: flux.kustomizations.infra.substitute.ADO: ${env:SYSTEM_ACCESSTOKEN}",
                "13: flux.kustomizations.infra.substitute.HUB: ${env:EVENTS_CONNECTION_STRING}");
    }

    @Test
    void credential_variables_stay_readable_as_secret_references_and_ordinary_variables_anywhere() throws IOException {
        String file = VALID.replace("TSTADPINFAK1403", "${env:CLUSTER}") + """
                flux:
                  protectedSettings:
                    httpsKey: ${env:AKSFLUX_ARM_TOKEN}
                notifications:
                  connectionString: ${env:EVENTS_CONNECTION_STRING}
                """;

        assertThat(problemsOf(file)).isEmpty();
    }

    @Test
    void a_placeholder_cannot_copy_a_secret_reference_into_a_plain_field() throws IOException {
        String file = VALID + """
                flux:
                  protectedSettings:
                    httpsKey: ${env:AKSFLUX_ARM_TOKEN}
                notifications:
                  eventMetadata:
                    copy: "{{flux.protectedSettings.httpsKey}}"
                """;

        assertThat(problemsOf(file)).containsExactly("10: notifications.eventMetadata.copy: {{flux.protectedSettings.httpsKey}} names"
                + " a secret reference, which may not be copied into another field; refer to the variable or Key Vault secret"
                + " where it is sent as a secret");
    }

    @Test
    void credentials_inside_a_repository_url_are_refused_without_repeating_the_url() throws IOException {
        String expected = ": the URL holds credentials (not shown); remove the user and token from it and set AKSFLUX_GIT_TOKEN"
                + " (and AKSFLUX_GIT_USERNAME for a user other than x-access-token) in the environment aksflux runs in;"
                + " an SSH user alone, such as git@, is fine";

        assertThat(problemsOf(VALID + "repos:\n  core:\n    url: https://user:hunter2@dev.azure.com/org/p/_git/core\n"))
                .containsExactly("7: repos.core.url" + expected);
        assertThat(problemsOf(VALID, "repos.services.url=https://ghp_abcdef123456@github.com/o/services"))
                .containsExactly("--set:0: repos.services.url" + expected);
        assertThat(problemsOf(VALID + "repos:\n  core:\n    url: ssh://git:hunter2@github.com/o/core.git\n"))
                .containsExactly("7: repos.core.url" + expected);
    }

    @Test
    void an_ssh_user_alone_is_part_of_the_address() throws IOException {
        for (String url : List.of("ssh://git@github.com/o/core.git", "git@github.com:o/core.git", "ssh://git@ssh.dev.azure.com/v3/o/p/core")) {
            assertThat(problemsOf(VALID + "repos:\n  core:\n    url: " + url + "\n")).as(url).isEmpty();
        }
    }
}

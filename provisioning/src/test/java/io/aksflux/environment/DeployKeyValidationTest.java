package io.aksflux.environment;

import io.aksflux.support.EnvironmentProblems;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code deployKeys}: what a deploy key needs, refused with the file's line, and the model a valid one binds to. */
class DeployKeyValidationTest {
    private static final String VALID = """
            azure:
              subscriptionId: 00000000-0000-0000-0000-000000000042
              resourceGroup: TSTADPINFRG1403
              cluster: TSTADPINFAK1403
            deployKeys:
              apps-deploykey:
                repository: ssh://git@github.com/my-org/apps.git
                keyVault: {vault: platform-kv, secret: apps-deploykey}
                knownHosts: github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
            """;

    @TempDir
    Path environments;

    private List<String> problemsOf(String file) throws IOException {
        return EnvironmentProblems.of(environments, file, Map.of(), List.of());
    }

    @Test
    void a_complete_deploy_key_is_valid_and_binds_with_the_flux_namespace_and_githubs_owner_and_repo() throws IOException {
        assertThat(problemsOf(VALID)).isEmpty();
        Files.writeString(environments.resolve("tst3.yaml"), VALID);

        List<DeployKeySpec> keys = new EnvironmentLoader(environments, io.aksflux.template.TemplateSource.directory(Workspaces.templates()),
                Map.of()).load("tst3", List.of()).deployKeys();

        assertThat(keys).hasSize(1);
        DeployKeySpec key = keys.get(0);
        assertThat(key.secretName()).isEqualTo("apps-deploykey");
        assertThat(key.namespace()).isEqualTo("flux-config"); // flux.namespace of the shipped defaults
        assertThat(key.host()).isEqualTo(DeployKeySpec.Host.GITHUB);
        assertThat(key.ownerAndRepo()).contains(List.of("my-org", "apps"));
        assertThat(key.vault() + "/" + key.vaultSecret()).isEqualTo("platform-kv/apps-deploykey");
    }

    @Test
    void an_https_repository_is_refused_where_it_is_written() throws IOException {
        assertThat(problemsOf(VALID.replace("ssh://git@github.com/my-org/apps.git", "https://github.com/my-org/apps.git")))
                .singleElement().asString().startsWith("7: deployKeys.apps-deploykey.repository: ").contains("an ssh:// or git@host:path URL");
    }

    @Test
    void a_github_url_without_owner_and_repo_is_refused_with_the_form_githubs_api_needs() throws IOException {
        assertThat(problemsOf(VALID.replace("github.com/my-org/apps.git", "github.com/apps.git"))).containsExactly(
                "7: deployKeys.apps-deploykey.repository: GitHub's deploy-key API needs the repository as <owner>/<repo>, e.g."
                        + " ssh://git@github.com/my-org/apps.git; this URL's path is 'apps' (or set host: other to register the key yourself)");
    }

    @Test
    void another_host_needs_no_owner_and_repo() throws IOException {
        assertThat(problemsOf(VALID.replace("ssh://git@github.com/my-org/apps.git", "ssh://git@ssh.dev.azure.com/v3/org/project/apps")))
                .isEmpty();
    }

    @Test
    void missing_key_vault_and_known_hosts_are_each_named() throws IOException {
        assertThat(problemsOf(VALID.replace("    keyVault: {vault: platform-kv, secret: apps-deploykey}\n", "")
                .replaceAll("    knownHosts: .*\n", "")))
                .anyMatch(p -> p.startsWith("6: deployKeys.apps-deploykey.keyVault: required field is missing"))
                .anyMatch(p -> p.startsWith("6: deployKeys.apps-deploykey.knownHosts: required field is missing"));
    }

    @Test
    void an_unknown_host_kind_names_the_allowed_ones() throws IOException {
        assertThat(problemsOf(VALID + "    host: gitlab\n")).singleElement().asString()
                .startsWith("10: deployKeys.apps-deploykey.host: ").contains("github").contains("other");
    }
}

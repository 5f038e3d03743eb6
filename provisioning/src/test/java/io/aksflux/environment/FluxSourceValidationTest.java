package io.aksflux.environment;

import io.aksflux.support.EnvironmentProblems;
import io.aksflux.support.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flux configuration's source fields, the extension's upgrade fields and two files sharing one flux configuration:
 * each broken file gives file, line, field and what is allowed.
 */
class FluxSourceValidationTest {
    private static final String VALID = """
            azure:
              subscriptionId: 00000000-0000-0000-0000-000000000042
              resourceGroup: TSTADPINFRG1403
              cluster: TSTADPINFAK1403
            """;
    private static final String KNOWN_HOSTS = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    @TempDir
    Path environments;

    private List<String> problemsOf(String file, String... overrides) throws IOException {
        return EnvironmentProblems.of(environments, file, Map.of(), List.of(overrides));
    }

    @Test
    void a_source_pinned_to_one_ref_with_every_auth_field_that_fits_an_https_url_is_valid() throws IOException {
        String ca = Files.readString(TestCertificate.create(Files.createDirectories(environments.resolve("ca"))).pem()).indent(6);
        assertThat(problemsOf(VALID + """
                flux:
                  protectedSettings:
                    httpsKey: ${env:CORE_GIT_TOKEN}
                  gitRepository:
                    repositoryRef:
                      tag: v1.4.0
                    httpsUser: platform-bot
                    localAuthRef: core-git-credentials
                    httpsCACert: |
                """ + ca)).isEmpty();
    }

    @Test
    void two_pinned_refs_are_refused_naming_both() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  gitRepository:\n    repositoryRef:\n      tag: v1.4.0\n      commit: "
                + "a".repeat(40) + "\n")).containsExactly(
                "9: flux.gitRepository.repositoryRef: sets tag and commit; set exactly one of tag, semver or commit (ARM's"
                        + " repositoryRef takes one; without any Flux reads repos.<source>.branch), and remove the others"
                        + " (--set flux.gitRepository.repositoryRef.tag=null)");
    }

    @Test
    void a_commit_that_is_not_a_full_sha_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  gitRepository:\n    repositoryRef:\n      commit: 3f1c2ab\n")).containsExactly(
                "8: flux.gitRepository.repositoryRef.commit: '3f1c2ab' is not valid; expected a full 40-character lower-case commit SHA");
    }

    @Test
    void the_branch_is_not_a_pinned_ref_it_stays_in_repos() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  gitRepository:\n    repositoryRef:\n      branch: main\n")).containsExactly(
                "8: flux.gitRepository.repositoryRef.branch: unknown key; allowed: tag, semver, commit");
    }

    @Test
    void provider_azure_needs_an_https_url() throws IOException {
        assertThat(problemsOf(VALID + "repos:\n  core:\n    url: git@ssh.dev.azure.com:v3/contoso/platform/core\n"
                + "flux:\n  gitRepository:\n    provider: Azure\n")).containsExactly(
                "10: flux.gitRepository.provider: provider Azure reaches Azure DevOps over HTTPS with the cluster's workload"
                        + " identity; repos.core.url is not an https:// URL");
    }

    @Test
    void provider_azure_refuses_a_token_or_user_beside_it() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  protectedSettings:\n    httpsKey: ${env:PAT}\n  gitRepository:\n"
                + "    provider: Azure\n    httpsUser: me\n")).containsExactly(
                "9: flux.gitRepository.provider: provider Azure authenticates with the cluster's workload identity, no PAT or key;"
                        + " remove flux.gitRepository.httpsUser, flux.protectedSettings.httpsKey");
    }

    @Test
    void an_unknown_provider_is_refused_with_the_allowed_ones() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  gitRepository:\n    provider: azure\n")).containsExactly(
                "7: flux.gitRepository.provider: 'azure' is not allowed (did you mean 'Azure'?); allowed: Azure, GitHub, Generic");
    }

    @Test
    void known_hosts_for_an_https_url_are_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  gitRepository:\n    sshKnownHosts: " + KNOWN_HOSTS + "\n")).containsExactly(
                "7: flux.gitRepository.sshKnownHosts: known hosts are for an ssh:// or git@ source; repos.core.url is an https:// URL");
    }

    @Test
    void known_hosts_lines_without_a_key_are_refused() throws IOException {
        assertThat(problemsOf(VALID + "repos:\n  core:\n    url: ssh://git@github.com/DEFRA/adp-flux-core\n"
                + "flux:\n  gitRepository:\n    sshKnownHosts: |\n      " + KNOWN_HOSTS + "\n      gitlab.com ssh-rsa\n")).containsExactly(
                "10: flux.gitRepository.sshKnownHosts: line 2 has no host, key type and key; expected known_hosts lines such as"
                        + " 'github.com ssh-ed25519 AAAAC3Nza…' (as ssh-keyscan prints them)");
    }

    @Test
    void a_ca_certificate_that_is_not_pem_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  gitRepository:\n    httpsCACert: ZXhhbXBsZWNlcnRpZmljYXRl\n")).containsExactly(
                "7: flux.gitRepository.httpsCACert: is not a PEM certificate; expected PEM text (-----BEGIN CERTIFICATE----- …"
                        + " -----END CERTIFICATE-----), as a YAML block scalar");
    }

    @Test
    void the_https_user_in_protected_settings_is_refused_pointing_at_git_repository() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  protectedSettings:\n    httpsUser: ${env:GIT_USER}\n")).containsExactly(
                "7: flux.protectedSettings.httpsUser: the HTTPS user is not a secret and ARM does not read it from protected"
                        + " settings; set flux.gitRepository.httpsUser (plain text, or ${env:NAME}) and keep the token in"
                        + " flux.protectedSettings.httpsKey");
    }

    @Test
    void an_https_user_without_its_token_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  gitRepository:\n    httpsUser: platform-bot\n")).containsExactly(
                "7: flux.gitRepository.httpsUser: an HTTPS user needs its password or token: set flux.protectedSettings.httpsKey"
                        + " to a reference (${env:NAME} or ${keyvault:VAULT/SECRET})");
    }

    @Test
    void a_pinned_extension_version_that_also_auto_upgrades_is_refused_at_the_version() throws IOException {
        assertThat(problemsOf(VALID + "extension:\n  version: 1.16.2\n")).containsExactly(
                "6: extension.version: pinning version 1.16.2 needs extension.autoUpgradeMinorVersion: false"
                        + " (autoUpgradeMinorVersion: true at " + environments.resolve("defaults.yaml") + ":24); ARM refuses a pinned"
                        + " version that also auto-upgrades. Set it to false, or remove the version");
        assertThat(problemsOf(VALID + "extension:\n  version: 1.16.2\n  autoUpgradeMinorVersion: false\n")).isEmpty();
    }

    @Test
    void auto_upgrade_mode_is_refused_with_an_extensions_api_version_that_lacks_it() throws IOException {
        assertThat(problemsOf(VALID + "extension:\n  autoUpgradeMode: patch\n")).isEmpty();
        assertThat(problemsOf(VALID + "  apiVersions:\n    extensions: \"2024-11-01\"\nextension:\n  autoUpgradeMode: patch\n"))
                .containsExactly("8: extension.autoUpgradeMode: extensions api-version 2024-11-01 has no autoUpgradeMode; use"
                        + " 2025-03-01 in azure.apiVersions.extensions, or remove it");
    }

    @Test
    void a_copied_environment_with_unchanged_ids_is_refused_naming_both_files_and_lines() throws IOException {
        Files.writeString(environments.resolve("tst2.yaml"), VALID.replace("TSTADPINFRG1403", "TSTADPINFRG1402")
                .replace("TSTADPINFAK1403", "TSTADPINFAK1402"));
        Files.copy(environments.resolve("tst2.yaml"), environments.resolve("tst4.yaml"));

        List<String> problems = problemsOf(Files.readString(environments.resolve("tst2.yaml")));

        assertThat(problems).containsExactly("4: azure.cluster: flux configuration 'flux-config' of cluster TSTADPINFAK1402"
                + " (subscription 00000000-0000-0000-0000-000000000042, resource group TSTADPINFRG1402) is also the target of tst2 ("
                + environments.resolve("tst2.yaml") + ":4), tst4 (" + environments.resolve("tst4.yaml") + ":4); applying one would"
                + " repoint the other's kustomization paths, and with prune: true delete its workloads. Give each environment its"
                + " own azure.subscriptionId/resourceGroup/cluster (or flux.name)");
        assertThat(problemsOf(Files.readString(environments.resolve("tst2.yaml")), "flux.name=flux-config-tst3")).isEmpty();
    }
}

package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flux configurations whose source is pinned (tag, semver range, commit) or authenticated another way (provider,
 * known hosts, CA, local secret, a key the cluster generates), through the emulator's HTTPS API and simulated Flux.
 */
class PinnedSourcesTest {
    @RegisterExtension
    static final FluxClusters azure = new FluxClusters();
    private String flux;

    @TempDir
    Path repo;

    /** Each test on a cluster of its own, with the flux extension installed. */
    @BeforeEach
    void cluster() {
        flux = FluxClusters.fluxConfiguration(azure.clusterWithFluxExtension());
    }

    private static String body(String url, String gitFields) {
        return ArmEmulatorTest.fluxBody(url).replace("\"repositoryRef\": {\"branch\": \"main\"}", gitFields);
    }

    private JsonNode configure(String body) {
        ArmClient.Reply reply = azure.arm.put(flux, body);
        assertThat(reply.status()).as(reply.body().toString()).isIn(200, 201);
        azure.clock.advance(FluxClusters.LRO);
        return azure.arm.get(flux).body().path("properties");
    }

    private String tag(String name) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            git.tag().setName(name).setAnnotated(true).setMessage(name).setSigned(false).call();
            return git.getRepository().resolve(Constants.HEAD).name();
        }
    }

    @Test
    void a_tag_is_fetched_at_its_commit_while_the_branch_moves_on() throws Exception {
        String url = GitRepos.create(repo, GitRepos.snd4Core());
        String release = tag("v1.4.0");
        GitRepos.commit(repo, Map.of("NOTES.md", "later\n"), "later");

        JsonNode properties = configure(body(url, "\"repositoryRef\": {\"tag\": \"v1.4.0\"}"));

        assertThat(properties.path("sourceSyncedCommitId").asText()).isEqualTo("v1.4.0@sha1:" + release);
        assertThat(properties.at("/gitRepository/repositoryRef").toString())
                .isEqualTo("{\"tag\":\"v1.4.0\",\"branch\":null,\"semver\":null,\"commit\":null}");
    }

    @Test
    void a_semver_range_is_fetched_at_its_highest_matching_tag() throws Exception {
        String url = GitRepos.create(repo, GitRepos.snd4Core());
        tag("v1.3.0");
        GitRepos.commit(repo, Map.of("NOTES.md", "1.4\n"), "1.4");
        String v14 = tag("v1.4.0");
        GitRepos.commit(repo, Map.of("NOTES.md", "2.0\n"), "2.0");
        tag("v2.0.0");

        JsonNode properties = configure(body(url, "\"repositoryRef\": {\"semver\": \"~1\"}"));

        assertThat(properties.path("sourceSyncedCommitId").asText()).isEqualTo("v1.4.0@sha1:" + v14);
    }

    @Test
    void a_semver_range_no_tag_matches_is_non_compliant_with_fluxs_message() throws Exception {
        String url = GitRepos.create(repo, GitRepos.snd4Core());
        tag("v1.0.0");

        JsonNode properties = configure(body(url, "\"repositoryRef\": {\"semver\": \">=2.0.0\"}"));

        assertThat(properties.path("complianceState").asText()).isEqualTo("Non-Compliant");
        assertThat(properties.at("/statuses/0/statusConditions/0/message").asText()).endsWith("no match found for semver: >=2.0.0");
    }

    @Test
    void a_commit_is_fetched_without_a_branch() throws Exception {
        String url = GitRepos.create(repo, GitRepos.snd4Core());
        String first;
        try (Git git = Git.open(repo.toFile())) {
            first = git.getRepository().resolve(Constants.HEAD).name();
        }
        GitRepos.commit(repo, Map.of("NOTES.md", "later\n"), "later");

        JsonNode properties = configure(body(url, "\"repositoryRef\": {\"commit\": \"" + first + "\"}"));

        assertThat(properties.path("sourceSyncedCommitId").asText()).isEqualTo("sha1:" + first);
        assertThat(properties.path("complianceState").asText()).isIn("Pending", "Compliant");
    }

    @Test
    void an_azure_devops_url_with_provider_azure_is_served_from_a_local_copy_and_returned_as_sent() throws Exception {
        GitRepos.create(repo.resolve("core"), GitRepos.snd4Core());
        azure.emulator.gitInsteadOf("https://dev.azure.com/contoso/platform/_git/", repo.toUri().toString());

        JsonNode properties = configure(body("https://dev.azure.com/contoso/platform/_git/core",
                "\"provider\": \"Azure\", \"repositoryRef\": {\"branch\": \"main\"}"));

        assertThat(properties.at("/gitRepository/provider").asText()).isEqualTo("Azure");
        assertThat(properties.path("sourceSyncedCommitId").asText()).startsWith("main@sha1:");
        assertThat(properties.path("repositoryPublicKey").asText()).isEmpty();
    }

    @Test
    void known_hosts_ca_and_a_local_secret_are_accepted_as_the_spec_defines_them() throws Exception {
        String url = GitRepos.create(repo, GitRepos.snd4Core());
        String encoded = Base64.getEncoder().encodeToString("github.com ssh-ed25519 AAAA".getBytes());

        JsonNode properties = configure(body(url, "\"repositoryRef\": {\"branch\": \"main\"}, \"sshKnownHosts\": \"" + encoded
                + "\", \"httpsCACert\": \"" + encoded + "\", \"localAuthRef\": \"core-git\", \"httpsUser\": \"bot\""));

        assertThat(properties.at("/gitRepository/sshKnownHosts").asText()).isEqualTo(encoded);
        assertThat(properties.at("/gitRepository/localAuthRef").asText()).isEqualTo("core-git");
    }

    @Test
    void an_undefined_git_repository_field_is_refused_as_arm_refuses_it() throws Exception {
        String url = GitRepos.create(repo, GitRepos.snd4Core());

        ArmClient.Reply reply = azure.arm.put(flux, body(url, "\"repositoryRef\": {\"branch\": \"main\"}, \"knownHosts\": \"x\""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/message").asText()).contains("knownHosts");
    }

    @Test
    void an_ssh_source_without_a_key_gets_a_public_key_generated_by_the_cluster() {
        JsonNode generated = configure(body("ssh://git@github.com/DEFRA/adp-flux-core", "\"repositoryRef\": {\"branch\": \"main\"}"));
        JsonNode again = azure.arm.get(flux).body().path("properties");

        assertThat(generated.path("repositoryPublicKey").asText()).matches("ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/=]+");
        assertThat(again.path("repositoryPublicKey").asText()).isEqualTo(generated.path("repositoryPublicKey").asText());
    }

    @Test
    void an_ssh_source_with_its_own_key_or_a_local_secret_gets_no_generated_key() {
        String withKey = body("ssh://git@github.com/DEFRA/adp-flux-core", "\"repositoryRef\": {\"branch\": \"main\"}")
                .replace("\"kustomizations\"", "\"configurationProtectedSettings\": {\"sshPrivateKey\": \"a2V5\"}, \"kustomizations\"");
        assertThat(configure(withKey).path("repositoryPublicKey").asText()).isEmpty();

        JsonNode local = configure(body("git@github.com:DEFRA/adp-flux-core", "\"repositoryRef\": {\"branch\": \"main\"}, \"localAuthRef\": \"git-ssh\""));
        assertThat(local.path("repositoryPublicKey").asText()).isEmpty();
    }
}

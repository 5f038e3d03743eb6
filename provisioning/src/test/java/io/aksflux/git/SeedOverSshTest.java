package io.aksflux.git;

import io.aksflux.change.SeedResult;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SshGitHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seeding over SSH: an SSH Git server (Apache MINA SSHD) on 127.0.0.1 in the same JVM, public-key authentication
 * only, keys generated per test. The environment map and the home folder are the test's own; {@code ~/.ssh} is never read.
 */
class SeedOverSshTest {
    @TempDir
    Path dir;
    private SeedFixture repos;
    private SshGitHost host;
    private Environment snd4;
    private Path home;
    private Path clientKey;
    private Path knownHosts;

    @BeforeEach
    void serve() {
        repos = new SeedFixture(dir);
        host = new SshGitHost(repos.core, repos.services);
        snd4 = repos.environment("snd4", "repos.core.url=" + host.url(repos.core), "repos.services.url=" + host.url(repos.services));
        home = dir.resolve("home");
        clientKey = host.writeClientKey(dir.resolve("keys/id_ecdsa"));
        knownHosts = host.writeKnownHosts(dir.resolve("keys/known_hosts"));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void the_key_from_the_environment_seeds_over_ssh_and_a_second_run_makes_no_commit() {
        GitRemote remote = remote(key(clientKey), knownHosts(knownHosts));

        SeedResult first = repos.seed(snd4, remote, null, false);

        assertThat(first.repos()).allSatisfy(r -> assertThat(r.pushed()).isTrue());
        assertThat(first.repos()).extracting(SeedResult.Repo::url).containsExactly(host.url(repos.core), host.url(repos.services));
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(GitRepos.log(repos.services, "main")).hasSize(2);

        SeedResult second = repos.seed(snd4, remote, null, false);

        assertThat(second.hasChanges()).isFalse();
        assertThat(second.repos()).allSatisfy(r -> assertThat(r.commit()).isNull());
        assertThat(GitRepos.log(repos.core, "main")).hasSize(2);
        assertThat(GitRepos.log(repos.services, "main")).hasSize(2);
    }

    @Test
    void an_scp_like_url_seeds_with_the_port_from_the_ssh_config_in_the_home_folder() {
        write(home.resolve(".ssh/config"), "Host core-host\n  HostName 127.0.0.1\n  Port " + host.port(repos.core) + "\n"
                + "Host services-host\n  HostName 127.0.0.1\n  Port " + host.port(repos.services) + "\n");
        Environment scpLike = repos.environment("snd4", "repos.core.url=git@core-host:core.git", "repos.services.url=git@services-host:services.git");

        SeedResult result = repos.seed(scpLike, remote(key(clientKey), knownHosts(knownHosts)), null, false);

        assertThat(result.repos()).extracting(SeedResult.Repo::url).containsExactly("git@core-host:core.git", "git@services-host:services.git");
        assertThat(result.repos()).allSatisfy(r -> assertThat(r.pushed()).isTrue());
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
    }

    @Test
    void a_host_missing_from_known_hosts_is_refused_naming_the_host_and_the_file_and_nothing_is_pushed() {
        Path empty = write(dir.resolve("other/known_hosts"), "");
        String core = host.knownHostsName(repos.core);

        assertThatThrownBy(() -> repos.seed(snd4, remote(key(clientKey), knownHosts(empty)), null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("refused to connect to " + host.url(repos.core) + ": the host key of " + core + " is not listed in "
                        + empty + " (AKSFLUX_GIT_KNOWN_HOSTS), and unknown hosts are refused. Check the host's key fingerprint"
                        + " with its owners, then add it: ssh-keyscan -p " + host.port(repos.core) + " 127.0.0.1 >> " + empty);
        assertThat(Files.exists(empty.resolveSibling("known_hosts.old"))).isFalse();
        assertThat(read(empty)).isEmpty();
        assertNothingPushed();
    }

    @Test
    void a_host_whose_key_changed_is_refused_as_a_possible_interception_and_nothing_is_pushed() {
        Path other = host.writeKnownHostsWithOtherKey(dir.resolve("other/known_hosts"));
        String before = read(other);
        String core = host.knownHostsName(repos.core);

        assertThatThrownBy(() -> repos.seed(snd4, remote(key(clientKey), knownHosts(other)), null, false))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("refused to connect to " + host.url(repos.core) + ": the host key of " + core
                        + " does not match the one listed in " + other + " (AKSFLUX_GIT_KNOWN_HOSTS): the host's key was changed,"
                        + " or someone is intercepting the connection. If the change is expected, replace the entry: ssh-keygen -R '"
                        + core + "' -f " + other);
        assertThat(read(other)).isEqualTo(before);
        assertNothingPushed();
    }

    @Test
    void without_the_variable_known_hosts_is_read_from_the_home_folder_given() {
        host.writeKnownHosts(home.resolve(".ssh/known_hosts"));

        SeedResult result = repos.seed(snd4, remote(key(clientKey)), null, false);

        assertThat(result.repos()).allSatisfy(r -> assertThat(r.pushed()).isTrue());
    }

    @Test
    void a_key_the_server_does_not_accept_is_a_clear_authentication_error_naming_the_variable() {
        Path stranger = SshGitHost.writeStrangerKey(dir.resolve("keys/stranger"));

        assertThatThrownBy(() -> repos.seed(snd4, remote(key(stranger), knownHosts(knownHosts)), null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("cannot authenticate to " + host.url(repos.core) + ": the server refused the key in AKSFLUX_GIT_SSH_KEY ("
                        + stranger + "); set AKSFLUX_GIT_SSH_KEY to a private key file whose public key may read and push to the"
                        + " repository (a deploy key with write access, for instance)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PRIVATE KEY"));
        assertNothingPushed();
    }

    @Test
    void a_key_variable_naming_a_missing_file_is_refused_before_connecting() {
        Path missing = dir.resolve("keys/missing");

        assertThatThrownBy(() -> repos.seed(snd4, remote(key(missing), knownHosts(knownHosts)), null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("AKSFLUX_GIT_SSH_KEY names " + missing + ", which is not a readable file; set it to the private key file for "
                        + host.url(repos.core));
        assertNothingPushed();
    }

    private void assertNothingPushed() {
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
        assertThat(GitRepos.log(repos.services, "main")).hasSize(1);
    }

    private static Map.Entry<String, String> key(Path file) {
        return Map.entry(GitCredentials.SSH_KEY_VARIABLE, file.toString());
    }

    private static Map.Entry<String, String> knownHosts(Path file) {
        return Map.entry(GitCredentials.KNOWN_HOSTS_VARIABLE, file.toString());
    }

    @SafeVarargs
    private GitRemote remote(Map.Entry<String, String>... environment) {
        return new JGitRemote(new GitCredentials(Map.ofEntries(environment), Optional::empty, home));
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

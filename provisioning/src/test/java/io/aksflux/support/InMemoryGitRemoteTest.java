package io.aksflux.support;

import io.aksflux.environment.Environment.GitAuthor;
import io.aksflux.error.GitException;
import io.aksflux.git.GitCheckout;
import io.aksflux.git.GitCredentials;
import io.aksflux.git.GitRemote;
import io.aksflux.git.JGitRemote;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-memory remote behaves as {@link JGitRemote} on real bare repositories for what the engine does with a
 * remote: every case runs the same sequence on both and asserts the same outcome.
 */
class InMemoryGitRemoteTest {
    private static final Map<String, String> CORE = Map.of("README.md", "# core\n",
            "clusters/snd/04/kustomization.yaml", "resources: []\n");
    private static final Optional<GitAuthor> PLATFORM = Optional.of(new GitAuthor("Platform Team", "platform@example.com"));

    @TempDir
    Path dir;

    /** A Git host as a test sets it up and as someone else changes it, with the remote the engine gets. */
    interface Host {
        String repository(String name, Map<String, String> files);

        String emptyRepository(String name);

        /** The URL a repository of this name would have, with none there. */
        String missingRepository(String name);

        /** Someone else's commit on {@code branch}; returns it. */
        String commit(String url, String branch, Map<String, String> files, String message);

        String tag(String url, String branch, String name);

        /** Subject and author name of each commit on {@code branch}, newest first. */
        List<String> log(String url, String branch);

        GitRemote remote();
    }

    enum Kind { JGIT_ON_BARE_REPOSITORIES, IN_MEMORY }

    private Host host(Kind kind) {
        return kind == Kind.IN_MEMORY ? new Memory(scratch()) : new Bare(dir, scratch());
    }

    private Path scratch() {
        try {
            return Files.createDirectories(dir.resolve("scratch"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_work_tree_holds_the_branch_and_what_was_written_and_closing_the_checkout_deletes_it(Kind kind) throws Exception {
        Host host = host(kind);
        String core = host.repository("core", CORE);

        Path workTree;
        try (GitCheckout checkout = host.remote().checkout(core, "main", "main")) {
            checkout.write("infra/snd/04/kustomization.yaml", "resources: []\n");
            workTree = checkout.workTree().orElseThrow();
            checkout.write("infra/snd/base/kustomization.yaml", "resources: []\n");

            assertThat(Files.readString(workTree.resolve("clusters/snd/04/kustomization.yaml"))).isEqualTo("resources: []\n");
            assertThat(workTree.resolve("infra/snd/04/kustomization.yaml")).exists();
            assertThat(workTree.resolve("infra/snd/base/kustomization.yaml")).exists();
        }
        assertThat(workTree).doesNotExist();
        try (var left = Files.list(scratch())) {
            assertThat(left).as("no working copy left behind").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_checkout_reads_the_branch_files_and_folders_and_nothing_that_is_not_there(Kind kind) {
        Host host = host(kind);
        String core = host.repository("core", CORE);

        try (GitCheckout checkout = host.remote().checkout(core, "main", "main")) {
            assertThat(checkout.branch()).isEqualTo("main");
            assertThat(checkout.read("clusters/snd/04/kustomization.yaml")).contains("resources: []\n");
            assertThat(checkout.read("./README.md")).contains("# core\n");
            assertThat(checkout.read("clusters/snd/05/kustomization.yaml")).isEmpty();
            assertThat(checkout.isDirectory("clusters/snd")).isTrue();
            assertThat(checkout.isDirectory("./clusters/snd/04")).isTrue();
            assertThat(checkout.isDirectory("README.md")).isFalse();
            assertThat(checkout.isDirectory("infra")).isFalse();
            assertThatThrownBy(() -> checkout.read("../outside.yaml")).isInstanceOf(GitException.class).hasMessageContaining("leaves the repository");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void what_is_written_committed_and_pushed_is_the_branch_head_the_next_checkout_reads(Kind kind) {
        Host host = host(kind);
        String core = host.repository("core", CORE);
        GitRemote remote = host.remote();

        Optional<String> commit;
        try (GitCheckout checkout = remote.checkout(core, "main", "main")) {
            checkout.write("infra/snd/04/kustomization.yaml", "resources:\n  - ../base\n");
            checkout.write("README.md", "# core\n"); // unchanged: part of no change
            commit = checkout.commit("aksflux: seed snd4", PLATFORM);
            assertThat(checkout.push()).isTrue();
        }

        assertThat(commit).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{40}"));
        assertThat(remote.head(core, "main")).isEqualTo(commit);
        assertThat(host.log(core, "main")).containsExactly("aksflux: seed snd4 by Platform Team", "existing content by Team A");
        try (GitCheckout again = remote.checkout(core, "main", "main")) {
            assertThat(again.read("infra/snd/04/kustomization.yaml")).contains("resources:\n  - ../base\n");
            assertThat(again.read("clusters/snd/04/kustomization.yaml")).contains("resources: []\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void writing_what_is_already_there_makes_no_commit(Kind kind) {
        Host host = host(kind);
        String core = host.repository("core", CORE);

        try (GitCheckout checkout = host.remote().checkout(core, "main", "main")) {
            assertThat(checkout.commit("nothing written", PLATFORM)).isEmpty();
            checkout.write("clusters/snd/04/kustomization.yaml", "resources: []\n");
            assertThat(checkout.commit("the same content", PLATFORM)).isEmpty();
        }
        assertThat(host.log(core, "main")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_push_after_someone_elses_is_refused_until_the_checkout_is_reset_to_their_head(Kind kind) {
        Host host = host(kind);
        String core = host.repository("core", CORE);
        GitRemote remote = host.remote();

        try (GitCheckout checkout = remote.checkout(core, "main", "main")) {
            checkout.write("clusters/snd/04/kustomization.yaml", "resources:\n  - flux.yaml\n");
            checkout.commit("aksflux: seed snd4", PLATFORM);
            String theirs = host.commit(core, "main", Map.of("services/team-a.yaml", "team: a\n"), "team a");

            assertThat(checkout.push()).as("not a fast-forward").isFalse();
            assertThat(remote.head(core, "main")).contains(theirs);

            checkout.reset();
            assertThat(checkout.read("services/team-a.yaml")).contains("team: a\n");
            assertThat(checkout.read("clusters/snd/04/kustomization.yaml")).as("the local commit dropped").contains("resources: []\n");
            checkout.write("clusters/snd/04/kustomization.yaml", "resources:\n  - flux.yaml\n");
            Optional<String> again = checkout.commit("aksflux: seed snd4", PLATFORM);
            assertThat(checkout.push()).isTrue();
            assertThat(remote.head(core, "main")).isEqualTo(again);
        }
        assertThat(host.log(core, "main")).containsExactly("aksflux: seed snd4 by Platform Team", "team a by Team A", "existing content by Team A");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_review_branch_starts_from_the_configured_one_and_pushing_creates_it_leaving_that_one_alone(Kind kind) {
        Host host = host(kind);
        String core = host.repository("core", CORE);
        GitRemote remote = host.remote();
        Optional<String> main = remote.head(core, "main");

        try (GitCheckout review = remote.checkout(core, "aksflux/snd4", "main")) {
            assertThat(review.branch()).isEqualTo("aksflux/snd4");
            assertThat(review.read("README.md")).contains("# core\n");
            review.write("infra/snd/04/kustomization.yaml", "resources: []\n");
            Optional<String> commit = review.commit("aksflux: seed snd4", PLATFORM);
            assertThat(review.push()).isTrue();
            assertThat(remote.head(core, "aksflux/snd4")).isEqualTo(commit);
        }
        assertThat(remote.head(core, "main")).isEqualTo(main);
        assertThat(remote.head(core, "release")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_empty_repository_gives_an_empty_working_copy_whose_first_commit_becomes_the_branch(Kind kind) {
        Host host = host(kind);
        String empty = host.emptyRepository("services");
        GitRemote remote = host.remote();

        assertThat(remote.head(empty, "main")).isEmpty();
        try (GitCheckout checkout = remote.checkout(empty, "main", "main")) {
            assertThat(checkout.read("README.md")).isEmpty();
            checkout.write("services/base/kustomization.yaml", "resources: []\n");
            Optional<String> first = checkout.commit("aksflux: seed snd4", PLATFORM);
            assertThat(checkout.push()).isTrue();
            assertThat(remote.head(empty, "main")).isEqualTo(first);
        }
        assertThat(host.log(empty, "main")).containsExactly("aksflux: seed snd4 by Platform Team");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_branch_that_is_not_there_nor_its_start_a_review_branch_of_an_empty_repository_and_a_missing_repository_are_refused(Kind kind) {
        Host host = host(kind);
        String core = host.repository("core", CORE);
        String empty = host.emptyRepository("services");
        GitRemote remote = host.remote();

        assertThatThrownBy(() -> remote.checkout(core, "release", "release")).isInstanceOf(GitException.class)
                .hasMessage("branch 'release' does not exist in " + core + "; create it or set the repository's branch in the environment file");
        assertThatThrownBy(() -> remote.checkout(empty, "aksflux/snd4", "main")).isInstanceOf(GitException.class)
                .hasMessage(empty + " is empty, so review branch 'aksflux/snd4' has nothing to start from; seed its branch 'main' first (without --branch)");
        String missing = host.missingRepository("gone");
        assertThatThrownBy(() -> remote.checkout(missing, "main", "main")).isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot reach " + missing + ": ");
        assertThatThrownBy(() -> remote.head(missing, "main")).isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot reach " + missing + ": ");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_tag_names_the_commit_it_was_made_on_and_a_missing_one_names_none(Kind kind) {
        Host host = host(kind);
        String core = host.repository("core", CORE);
        String tagged = host.tag(core, "main", "v1.0.0");
        host.commit(core, "main", Map.of("later.yaml", "later: true\n"), "later");

        assertThat(host.remote().tag(core, "v1.0.0")).contains(tagged);
        assertThat(host.remote().tag(core, "v2.0.0")).isEmpty();
        assertThat(host.remote().head(core, "main")).isNotEqualTo(Optional.of(tagged));
    }

    /** JGit against bare repositories on disk, as the engine runs on file:// URLs. */
    private static final class Bare implements Host {
        private final Path dir;
        private final Path scratch;
        private final Map<String, Path> repositories = new HashMap<>();

        Bare(Path dir, Path scratch) {
            this.dir = dir;
            this.scratch = scratch;
        }

        @Override
        public String repository(String name, Map<String, String> files) {
            return known(GitRepos.bare(dir.resolve(name + ".git"), files));
        }

        @Override
        public String emptyRepository(String name) {
            return known(GitRepos.empty(dir.resolve(name + ".git")));
        }

        @Override
        public String missingRepository(String name) {
            return GitRepos.url(dir.resolve(name + ".git"));
        }

        private String known(Path bare) {
            repositories.put(GitRepos.url(bare), bare);
            return GitRepos.url(bare);
        }

        @Override
        public String commit(String url, String branch, Map<String, String> files, String message) {
            return GitRepos.commit(repositories.get(url), branch, files, message);
        }

        @Override
        public String tag(String url, String branch, String name) {
            return GitRepos.tag(repositories.get(url), branch, name);
        }

        @Override
        public List<String> log(String url, String branch) {
            return GitRepos.log(repositories.get(url), branch).stream()
                    .map((RevCommit c) -> c.getShortMessage() + " by " + c.getAuthorIdent().getName()).toList();
        }

        @Override
        public GitRemote remote() {
            return new JGitRemote(new GitCredentials(Map.of(), Optional::empty), scratch);
        }
    }

    /** The fake, its repositories at https URLs nothing serves. */
    private static final class Memory implements Host {
        private final InMemoryGitRemote remote;

        Memory(Path scratch) {
            remote = new InMemoryGitRemote(scratch);
        }

        @Override
        public String repository(String name, Map<String, String> files) {
            return remote.bare("https://git.example.com/platform/" + name + ".git", files);
        }

        @Override
        public String emptyRepository(String name) {
            return remote.empty("https://git.example.com/platform/" + name + ".git");
        }

        @Override
        public String missingRepository(String name) {
            return "https://git.example.com/platform/" + name + ".git";
        }

        @Override
        public String commit(String url, String branch, Map<String, String> files, String message) {
            return remote.commit(url, branch, files, message);
        }

        @Override
        public String tag(String url, String branch, String name) {
            return remote.tag(url, branch, name);
        }

        @Override
        public List<String> log(String url, String branch) {
            return remote.log(url, branch).stream().map(c -> c.message() + " by " + c.authorName()).toList();
        }

        @Override
        public GitRemote remote() {
            return remote;
        }
    }
}

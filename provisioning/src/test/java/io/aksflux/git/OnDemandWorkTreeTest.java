package io.aksflux.git;

import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A clone writes only the paths aksflux reads or writes, and its commit still holds every file of the branch. */
class OnDemandWorkTreeTest {
    @TempDir
    Path dir;

    private Path repositoryOfManyFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            files.put("services/team" + i + "/kustomization.yaml", "resources: []\n");
        }
        files.put("clusters/snd/04/kustomization.yaml", "resources:\n  - ../base\n");
        return GitRepos.bare(dir.resolve("repo.git"), files);
    }

    private static List<String> workTreeFiles(Path scratch) throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            return files.filter(Files::isRegularFile).map(f -> scratch.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.contains(".git/")).map(f -> f.substring(f.indexOf('/') + 1)).sorted().toList();
        }
    }

    @Test
    void a_clone_writes_only_the_paths_read_and_written_and_its_commit_keeps_every_other_file() throws IOException {
        Path bare = repositoryOfManyFiles();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        JGitRemote remote = new JGitRemote(new GitCredentials(Map.of(), Optional::empty), scratch);

        try (GitCheckout checkout = remote.checkout(GitRepos.url(bare), "main", "main")) {
            assertThat(checkout.read("clusters/snd/04/kustomization.yaml")).contains("resources:\n  - ../base\n");
            assertThat(checkout.isDirectory("services/team7")).isTrue();
            assertThat(checkout.isDirectory("services/none")).isFalse();
            checkout.write("infra/snd/04/kustomization.yaml", "resources: []\n");
            assertThat(workTreeFiles(scratch)).containsExactly("clusters/snd/04/kustomization.yaml", "infra/snd/04/kustomization.yaml");
            assertThat(checkout.commit("seed snd4", Optional.empty())).isPresent();
            assertThat(checkout.push()).isTrue();
        }

        assertThat(GitRepos.read(bare, "main", "services/team199/kustomization.yaml")).contains("resources: []\n");
        assertThat(GitRepos.read(bare, "main", "clusters/snd/04/kustomization.yaml")).contains("resources:\n  - ../base\n");
        assertThat(GitRepos.read(bare, "main", "infra/snd/04/kustomization.yaml")).contains("resources: []\n");
    }

    @Test
    void a_clone_with_nothing_written_commits_nothing() throws IOException {
        Path bare = repositoryOfManyFiles();
        JGitRemote remote = new JGitRemote(new GitCredentials(Map.of(), Optional::empty), Files.createDirectories(dir.resolve("scratch")));

        try (GitCheckout checkout = remote.checkout(GitRepos.url(bare), "main", "main")) {
            checkout.read("services/team3/kustomization.yaml");
            checkout.write("services/team3/kustomization.yaml", "resources: []\n"); // the same content

            assertThat(checkout.commit("seed snd4", Optional.empty())).isEmpty();
        }
    }
}

package io.aksflux.git;

import io.aksflux.error.GitException;
import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every temporary clone is recorded while open, so an interrupted process (its shutdown hook) deletes it too. */
class TemporaryClonesTest {
    @TempDir
    Path dir;

    private long clonesIn(Path scratch) throws Exception {
        try (Stream<Path> files = Files.list(scratch)) {
            return files.filter(p -> p.getFileName().toString().startsWith("aksflux-git-")).count();
        }
    }

    @Test
    void an_interrupted_process_deletes_the_clones_still_open_and_makes_no_new_one() throws Exception {
        Path repo = GitRepos.bare(dir.resolve("core.git"), Map.of("README.md", "core\n"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        TemporaryClones clones = new TemporaryClones();
        JGitRemote remote = new JGitRemote(new GitCredentials(Map.of(), java.util.Optional::empty), scratch, clones);

        GitCheckout first = remote.checkout(GitRepos.url(repo), "main", "main");
        GitCheckout second = remote.checkout(GitRepos.url(repo), "main", "main");
        second.close();

        assertThat(clones.open()).hasSize(1);
        assertThat(clonesIn(scratch)).isEqualTo(1);
        assertThat(clones.deleteAll()).hasSize(1);
        assertThat(clonesIn(scratch)).isZero();
        assertThatThrownBy(() -> remote.checkout(GitRepos.url(repo), "main", "main")).isInstanceOf(GitException.class)
                .hasMessage("not cloning: aksflux is shutting down");
        assertThat(clonesIn(scratch)).isZero();
        first.close(); // the command's own clean-up afterwards finds nothing to delete and does not fail
        assertThat(clones.open()).isEmpty();
    }
}

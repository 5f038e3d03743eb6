package io.aksflux.git;

import java.util.Optional;

/**
 * A temporary working copy of one branch; closing it deletes it. Paths are relative to the repository root; one that
 * meets a symbolic link or submodule on the way, or a file too big or not text, is refused ({@link ClonePaths}).
 */
public interface GitCheckout extends AutoCloseable {

    String url();

    String branch();

    Optional<String> read(String path);

    boolean isDirectory(String path);

    /** The working copy on disk, for the build checks of a seed; empty when there is none (the checks cannot run). */
    default Optional<java.nio.file.Path> workTree() {
        return Optional.empty();
    }

    void write(String path, String content);

    /** Commits what was written; empty when nothing changed (no commit is made). */
    Optional<String> commit(String message, Optional<io.aksflux.environment.Environment.GitAuthor> author);

    /** Pushes the branch; false when the remote moved on meanwhile (non-fast-forward), so nothing was pushed. */
    boolean push();

    /** Fetches and moves the working copy to the remote branch's new head, dropping the local commit. */
    void reset();

    @Override
    void close();
}

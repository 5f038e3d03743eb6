package io.aksflux.git;

import io.aksflux.error.GitException;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The temporary clones a process has open, so that an interrupted run (Ctrl-C, a cancelled pipeline) deletes them
 * too: {@link #deleteAll} is called from the CLI's shutdown hook. After it, no new clone is made.
 */
public final class TemporaryClones {
    /** The clones of this process ({@link JGitRemote} uses it unless given another). */
    public static final TemporaryClones PROCESS = new TemporaryClones();

    private final Set<Path> open = new LinkedHashSet<>();
    private boolean closed;

    /** Records a clone folder just created; refused once {@link #deleteAll} ran (the process is ending). */
    synchronized void opened(Path dir) {
        if (closed) {
            delete(dir);
            throw new GitException("not cloning: aksflux is shutting down");
        }
        open.add(dir);
    }

    synchronized void closed(Path dir) {
        open.remove(dir);
    }

    public synchronized List<Path> open() {
        return List.copyOf(open);
    }

    /** Deletes every clone still open and refuses new ones; returns the folders deleted. */
    public synchronized List<Path> deleteAll() {
        closed = true;
        List<Path> deleted = new ArrayList<>();
        for (Path dir : open) {
            if (delete(dir)) {
                deleted.add(dir);
            }
        }
        open.clear();
        return deleted;
    }

    private static boolean delete(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
            return true;
        } catch (IOException e) {
            return false; // best effort while the process ends; a folder in the temp dir is harmless
        }
    }
}

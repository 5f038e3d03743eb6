package io.aksflux.git;

import io.aksflux.error.GitException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A clone's work tree written only where aksflux looks. A seed reads and writes a few dozen paths, but a full checkout
 * of the platform's services repository writes 2,724 files on every seed, plan and apply; so the clone is made without
 * a checkout, its index is the branch's tree (every entry with its mode, so {@link ClonePaths} still refuses a symbolic
 * link or submodule from the index exactly as before), and the steps of a path are written from the object store just
 * before {@link ClonePaths} checks them: folders that hold entries, and a regular file or symbolic link as a checkout
 * writes it (a link is refused from its mode before anything could follow it; a gitlink is not written). Paths not
 * written stay out of the commit: it is made from the index, in which they are unchanged. A seed that writes has its
 * build checks walk the whole tree ({@code GitCheckout.workTree}), which then writes the rest first.
 */
final class OnDemandWorkTree {
    private final Repository repository;
    private final Path root;
    private boolean complete;

    OnDemandWorkTree(Repository repository, Path root) {
        this.repository = repository;
        this.root = root;
    }

    /** After a clone without checkout: the local {@code branch} at the fetched head, HEAD on it, the index its tree. */
    static void start(Repository repository, String branch) {
        try {
            ObjectId head = repository.resolve(Constants.R_REMOTES + "origin/" + branch);
            if (head == null) {
                throw new GitException("the clone holds no branch '" + branch + "'");
            }
            RefUpdate local = repository.updateRef(Constants.R_HEADS + branch);
            local.setNewObjectId(head);
            local.forceUpdate();
            repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
            DirCache index = repository.lockDirCache();
            try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                DirCacheBuilder builder = index.builder();
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(head).getTree());
                builder.commit(); // writes the index and releases its lock
            } finally {
                index.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes each step of {@code relative} that the index holds and the work tree lacks, down to the first that is not a folder. */
    void materialize(Path relative) {
        materialize(relative, index());
    }

    private void materialize(Path relative, DirCache index) {
        Path step = root;
        for (Path name : relative) {
            step = step.resolve(name);
            if (Files.exists(step, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(step, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                continue;
            }
            String at = root.relativize(step).toString().replace('\\', '/');
            DirCacheEntry entry = index.getEntry(at);
            if (entry != null) {
                if (FileMode.REGULAR_FILE.equals(entry.getFileMode()) || FileMode.EXECUTABLE_FILE.equals(entry.getFileMode())) {
                    write(step, entry.getObjectId());
                } else if (FileMode.SYMLINK.equals(entry.getFileMode())) {
                    link(step, entry.getObjectId()); // as a checkout writes it, so a refusal names its target; never followed
                }
                return;
            }
            if (index.getEntriesWithin(at).length == 0) {
                return; // nothing of the branch there: what follows is new
            }
            try {
                Files.createDirectory(step);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every entry of the index written, as a full checkout has it (for checks that walk the whole tree); once. */
    void complete() {
        if (complete) {
            return;
        }
        DirCache index = index();
        for (int i = 0; i < index.getEntryCount(); i++) {
            materialize(Path.of(index.getEntry(i).getPathString()), index);
        }
        complete = true;
    }

    private void write(Path file, ObjectId blob) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            repository.open(blob, Constants.OBJ_BLOB).copyTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void link(Path link, ObjectId blob) {
        try {
            String target = new String(repository.open(blob, Constants.OBJ_BLOB).getCachedBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException | RuntimeException e) { // e.g. an invalid path or an oversized target
            // an unwritable target: the index's mode alone has ClonePaths refuse the link
        }
    }

    private DirCache index() {
        try {
            return repository.readDirCache();
        } catch (IOException e) {
            throw new GitException("cannot read the index of a clone: " + e.getMessage());
        }
    }
}

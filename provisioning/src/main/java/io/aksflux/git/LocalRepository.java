package io.aksflux.git;

import io.aksflux.error.GitException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare repository on this machine with a first commit on one branch, as a platform's core or services
 * repository starts out: what {@code aksflux demo} seeds and the emulator's simulated Flux reads.
 */
public final class LocalRepository {
    private LocalRepository() {
    }

    /** Creates the bare repository and returns its {@code file://} URL. */
    public static String createBare(Path dir, String branch, Map<String, String> files, String message) {
        try (Git git = Git.init().setBare(true).setInitialBranch(branch).setDirectory(dir.toFile()).call();
             ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repository = git.getRepository();
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
                builder.add(entry);
            }
            builder.finish();
            PersonIdent who = new PersonIdent("aksflux", "aksflux@localhost");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(id);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw new GitException("could not create branch " + branch + " in " + dir + ": " + result);
            }
            return dir.toUri().toString().replaceFirst("^file:/+", "file:///").replaceFirst("/$", "");
        } catch (GitAPIException | IOException e) {
            throw new GitException("could not create a repository in " + dir + ": " + e.getMessage());
        }
    }
}

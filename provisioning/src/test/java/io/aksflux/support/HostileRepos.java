package io.aksflux.support;

import org.eclipse.jgit.api.Git;
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
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bare repositories holding what a hostile or careless repository can: symbolic links (to a folder outside the
 * clone, to a path inside the repository, dangling), submodules (gitlinks), huge and binary files. The commits are
 * built from Git objects directly, as a host receives them from a push, so no link ever exists on the test's disk
 * until a clone checks it out.
 */
public final class HostileRepos {
    /** A commit a gitlink can point at; a submodule's commit is never fetched, so it need not exist anywhere. */
    public static final ObjectId SUBMODULE_COMMIT = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");

    private HostileRepos() {
    }

    /** What to put in a commit: each entry replaces whatever the branch held at its path, below it or above it. */
    public static final class Entries {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        public Entries file(String path, String text) {
            return file(path, text.getBytes(StandardCharsets.UTF_8));
        }

        public Entries file(String path, byte[] bytes) {
            entries.put(path, new Entry(FileMode.REGULAR_FILE, bytes, null));
            return this;
        }

        /** A symbolic link whose target is stored as Git stores it: the target's text, absolute or relative. */
        public Entries symlink(String path, String target) {
            entries.put(path, new Entry(FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8), null));
            return this;
        }

        /** A submodule at {@code path} (mode 160000) and its {@code .gitmodules} entry, as {@code git submodule add} makes. */
        public Entries submodule(String path) {
            entries.put(path, new Entry(FileMode.GITLINK, null, SUBMODULE_COMMIT));
            entries.put(".gitmodules", new Entry(FileMode.REGULAR_FILE, ("[submodule \"" + path + "\"]\n\tpath = " + path
                    + "\n\turl = https://example.com/another-team/other.git\n").getBytes(StandardCharsets.UTF_8), null));
            return this;
        }

        /** A text file of {@code bytes} bytes that starts like YAML: too big to be anything aksflux seeds. */
        public Entries huge(String path, int bytes) {
            StringBuilder text = new StringBuilder("# generated\nresources:\n");
            while (text.length() < bytes) {
                text.append("  - ./").append(text.length()).append(".yaml\n");
            }
            return file(path, text.substring(0, bytes));
        }

        /** Bytes that are no text: a PNG header, NULs and bytes that are not UTF-8. */
        public Entries binary(String path) {
            return file(path, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, (byte) 0xff, (byte) 0xfe});
        }
    }

    private record Entry(FileMode mode, byte[] content, ObjectId id) {
    }

    public static Entries entries() {
        return new Entries();
    }

    /** A bare repository whose {@code main} holds only these entries. */
    public static Path bare(Path dir, Entries entries) {
        GitRepos.empty(dir);
        commit(dir, "main", entries, "hostile content");
        return dir;
    }

    /** Commits {@code entries} on top of {@code branch} (creating it when absent), as someone else's push; returns the commit. */
    public static String commit(Path bare, String branch, Entries entries, String message) {
        try (Git git = Git.open(bare.toFile()); ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repository = git.getRepository();
            ObjectId head = repository.resolve(Constants.R_HEADS + branch);
            Map<String, Entry> tree = head == null ? new TreeMap<>() : tree(repository, head);
            for (var added : entries.entries.entrySet()) {
                String path = added.getKey();
                tree.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/") || path.startsWith(p + "/"));
                Entry entry = added.getValue();
                ObjectId id = entry.id() != null ? entry.id() : inserter.insert(Constants.OBJ_BLOB, entry.content());
                tree.put(path, new Entry(entry.mode(), null, id));
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            tree.forEach((path, entry) -> {
                DirCacheEntry e = new DirCacheEntry(path);
                e.setFileMode(entry.mode());
                e.setObjectId(entry.id());
                builder.add(e);
            });
            builder.finish();
            PersonIdent who = new PersonIdent("Another Team", "another-team@example.com");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (head != null) {
                commit.setParentId(head);
            }
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(id);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new AssertionError("cannot move " + branch + ": " + result);
            }
            return id.name();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The mode of {@code path} at the head of {@code branch}, as Git records it; empty when absent. */
    public static Optional<FileMode> mode(Path bare, String branch, String path) {
        try (Repository repository = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve(Constants.R_HEADS + branch);
            try (TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(head).getTree())) {
                return tree == null ? Optional.empty() : Optional.of(tree.getFileMode(0));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every ref of the repository and the commit it points at, to show that nothing was pushed. */
    public static Map<String, String> refs(Path bare) {
        try (Git git = Git.open(bare.toFile())) {
            Map<String, String> refs = new TreeMap<>();
            git.getRepository().getRefDatabase().getRefs().forEach(r -> refs.put(r.getName(), r.getObjectId().name()));
            return refs;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Entry> tree(Repository repository, ObjectId head) throws Exception {
        Map<String, Entry> entries = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                entries.put(tree.getPathString(), new Entry(tree.getFileMode(0), null, tree.getObjectId(0)));
            }
        }
        return entries;
    }

    /** Every path under {@code dir}, links listed but not followed: what a refused seed must not have added to. */
    public static List<String> listing(Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            List<String> all = new ArrayList<>();
            paths.forEach(p -> all.add(dir.relativize(p).toString()));
            return all;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package io.aksflux.support;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real bare repositories in a test's folder, made, changed the way another team would (clone, commit, push) and read
 * back with JGit: the one set of Git helpers for the engine's and the command line's tests. Without a branch named,
 * a helper works on {@code main}. (The emulator's own tests keep a small helper of their own: the emulator sits below
 * provisioning, so its tests cannot use this one.)
 */
public final class GitRepos {
    private static final String MAIN = "main";

    private GitRepos() {
    }

    /** A bare repository whose {@code main} holds these files in one commit. */
    public static Path bare(Path dir, Map<String, String> files) {
        return bare(dir, MAIN, files);
    }

    /** A bare repository whose only branch, {@code branch}, holds these files in one commit. */
    public static Path bare(Path dir, String branch, Map<String, String> files) {
        commit(empty(dir), branch, files, "existing content");
        return dir;
    }

    /** A bare repository {@code <dir>/<name>.git} whose {@code main} holds one README commit, "start". */
    public static Path named(Path dir, String name) {
        Path bare = empty(dir.resolve(name + ".git"));
        commit(bare, Map.of("README.md", "# " + name + "\n"), "start");
        return bare;
    }

    /** A bare repository without any commit or branch, as a Git host creates it. */
    public static Path empty(Path dir) {
        try {
            Git.init().setBare(true).setInitialBranch(MAIN).setDirectory(dir.toFile()).call().close();
            return dir;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String url(Path bare) {
        return bare.toUri().toString().replaceFirst("^file:/+", "file:///").replaceFirst("/$", "");
    }

    /** Someone else's commit on {@code main} writing these files; returns the commit. */
    public static String commit(Path bare, Map<String, String> files, String message) {
        return commit(bare, MAIN, files, message);
    }

    /** Someone else's commit on {@code branch} writing these files; returns the commit. */
    public static String commit(Path bare, String branch, Map<String, String> files, String message) {
        return change(bare, branch, message, (work, git) -> {
            for (var file : files.entrySet()) {
                Path target = work.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
                git.add().addFilepattern(file.getKey()).call();
            }
        });
    }

    /** Someone else's commit on main adding a symbolic link at {@code path} to {@code target} (JGit records it as a link). */
    public static String symlink(Path bare, String path, Path target, String message) {
        return change(bare, MAIN, message, (work, git) -> {
            Path link = work.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
            git.add().addFilepattern(path).call();
        });
    }

    /** Someone else's commit on main deleting a folder (or file) and everything under it. */
    public static String delete(Path bare, String path, String message) {
        return change(bare, MAIN, message, (work, git) -> git.rm().addFilepattern(path).call());
    }

    private interface Edit {
        void apply(Path work, Git git) throws Exception;
    }

    /** Clone, edit, commit as "Team A", push to {@code branch} (created from the clone's branch when missing). */
    private static String change(Path bare, String branch, String message, Edit edit) {
        try {
            Path work = Files.createTempDirectory("aksflux-test-clone-");
            try (Git git = Git.cloneRepository().setURI(url(bare)).setDirectory(work.toFile()).call()) {
                if (!branch.equals(git.getRepository().getBranch()) && git.getRepository().resolve("refs/remotes/origin/" + branch) != null) {
                    git.checkout().setName(branch).setCreateBranch(true).setStartPoint("origin/" + branch).call();
                }
                edit.apply(work, git);
                PersonIdent who = new PersonIdent("Team A", "team-a@example.com");
                RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
                git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
                return commit.getId().name();
            } finally {
                // a background auto-gc may still be removing its gc.log.lock: a file gone meanwhile is fine
                FileUtils.delete(work.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An annotated tag {@code name} on the commit {@code branch} points at now; returns that commit. */
    public static String tag(Path bare, String branch, String name) {
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit commit = walk.parseCommit(git.getRepository().resolve("refs/heads/" + branch));
            git.tag().setName(name).setObjectId(commit).setAnnotated(true).setMessage("release " + name)
                    .setTagger(new PersonIdent("Release", "release@example.com")).setSigned(false).call();
            return commit.getId().name();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The commit at the head of main; null when there is none. */
    public static String head(Path bare) {
        try (Git git = Git.open(bare.toFile())) {
            ObjectId head = git.getRepository().resolve(Constants.R_HEADS + MAIN);
            return head == null ? null : head.name();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static Optional<String> read(Path bare, String branch, String path) {
        try (Repository repo = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("refs/heads/" + branch);
            if (head == null) {
                return Optional.empty();
            }
            try (TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(head).getTree())) {
                return tree == null ? Optional.empty()
                        : Optional.of(new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every file path at the head of main. */
    public static List<String> files(Path bare) {
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository());
             TreeWalk tree = new TreeWalk(git.getRepository())) {
            tree.addTree(walk.parseCommit(git.getRepository().resolve(Constants.R_HEADS + MAIN)).getTree());
            tree.setRecursive(true);
            List<String> files = new ArrayList<>();
            while (tree.next()) {
                files.add(tree.getPathString());
            }
            return files;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Commits of {@code branch}, newest first (empty when the branch does not exist). */
    public static List<RevCommit> log(Path bare, String branch) {
        try (Git git = Git.open(bare.toFile())) {
            ObjectId head = git.getRepository().resolve("refs/heads/" + branch);
            List<RevCommit> commits = new ArrayList<>();
            if (head != null) {
                git.log().add(head).call().forEach(commits::add);
            }
            return commits;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A working tree of {@code branch}, for kubectl. */
    public static Path checkout(Path bare, String branch, Path dir) {
        try {
            Git.cloneRepository().setURI(url(bare)).setBranch(branch).setDirectory(dir.toFile()).call().close();
            return dir;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

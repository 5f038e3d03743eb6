package io.aksflux.support;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real bare repositories in a test's folder: made, committed to, and read back with JGit. */
public final class GitRepos {
    private GitRepos() {
    }

    /** A bare repository whose {@code main} holds these files in one commit. */
    public static Path bare(Path dir, Map<String, String> files) {
        return bare(dir, "main", files);
    }

    /** A bare repository whose only branch, {@code branch}, holds these files in one commit. */
    public static Path bare(Path dir, String branch, Map<String, String> files) {
        commit(empty(dir), branch, files, "existing content");
        return dir;
    }

    /** A bare repository without any commit or branch, as a Git host creates it. */
    public static Path empty(Path dir) {
        try {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
            return dir;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String url(Path bare) {
        return bare.toUri().toString().replaceFirst("^file:/+", "file:///").replaceFirst("/$", "");
    }

    /** Someone else's commit on {@code branch}: clone, write, commit, push. */
    public static String commit(Path bare, String branch, Map<String, String> files, String message) {
        try {
            Path work = Files.createTempDirectory("test-clone-");
            try (Git git = Git.cloneRepository().setURI(url(bare)).setDirectory(work.toFile()).call()) {
                if (!branch.equals(git.getRepository().getBranch()) && git.getRepository().resolve("refs/remotes/origin/" + branch) != null) {
                    git.checkout().setName(branch).setCreateBranch(true).setStartPoint("origin/" + branch).call();
                }
                for (var file : files.entrySet()) {
                    Path target = work.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue());
                    git.add().addFilepattern(file.getKey()).call();
                }
                PersonIdent who = new PersonIdent("Team A", "team-a@example.com");
                RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
                git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
                return commit.getId().name();
            } finally {
                // a background auto-gc may still be removing its gc.log.lock: a file gone meanwhile is fine
                org.eclipse.jgit.util.FileUtils.delete(work.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE
                        | org.eclipse.jgit.util.FileUtils.RETRY | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
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

package io.aksflux.cli;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real bare repositories in a test's folder, changed the way another team would: clone, commit, push (JGit). */
final class Repos {
    private Repos() {
    }

    /** A bare repository {@code <name>.git} whose main branch holds one README commit. */
    static Path bare(Path dir, String name) {
        Path bare = dir.resolve(name + ".git");
        try {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        commit(bare, Map.of("README.md", "# " + name + "\n"), "start");
        return bare;
    }

    static String url(Path bare) {
        return bare.toUri().toString().replaceFirst("^file:/+", "file:///").replaceFirst("/$", "");
    }

    /** The commit at the head of main. */
    static String head(Path bare) {
        try (Git git = Git.open(bare.toFile())) {
            ObjectId head = git.getRepository().resolve(Constants.R_HEADS + "main");
            return head == null ? null : head.name();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every file path at the head of main. */
    static List<String> files(Path bare) {
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository());
             TreeWalk tree = new TreeWalk(git.getRepository())) {
            tree.addTree(walk.parseCommit(git.getRepository().resolve(Constants.R_HEADS + "main")).getTree());
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

    /** A commit on main: its subject line and how many parents it has (1 on a linear history, 0 for the root). */
    record Commit(String subject, int parents) {
    }

    /** The history of main, newest first. */
    static List<Commit> log(Path bare) {
        try (Git git = Git.open(bare.toFile())) {
            List<Commit> log = new ArrayList<>();
            git.log().add(git.getRepository().resolve(Constants.R_HEADS + "main")).call()
                    .forEach(c -> log.add(new Commit(c.getShortMessage(), c.getParentCount())));
            return log;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Someone else's commit on main writing these files. */
    static void commit(Path bare, Map<String, String> files, String message) {
        change(bare, message, (work, git) -> {
            for (var file : files.entrySet()) {
                Path target = work.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
                git.add().addFilepattern(file.getKey()).call();
            }
        });
    }

    /** Someone else's commit on main adding a symbolic link at {@code path} to {@code target} (JGit records it as a link). */
    static void symlink(Path bare, String path, Path target, String message) {
        change(bare, message, (work, git) -> {
            Path link = work.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
            git.add().addFilepattern(path).call();
        });
    }

    /** Someone else's commit on main deleting a folder (or file) and everything under it. */
    static void delete(Path bare, String path, String message) {
        change(bare, message, (work, git) -> git.rm().addFilepattern(path).call());
    }

    private interface Edit {
        void apply(Path work, Git git) throws Exception;
    }

    private static void change(Path bare, String message, Edit edit) {
        try {
            Path work = Files.createTempDirectory("aksflux-test-clone-");
            try (Git git = Git.cloneRepository().setURI(url(bare)).setDirectory(work.toFile()).call()) {
                edit.apply(work, git);
                PersonIdent who = new PersonIdent("Team A", "team-a@example.com");
                git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
                git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
            } finally {
                FileUtils.delete(work.toFile(), FileUtils.RECURSIVE);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

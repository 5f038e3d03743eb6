package io.aksflux.emulator.flux;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The files of one fetched commit, read straight from Git objects (no checkout), as source-controller's artifact. */
public final class SourceTree {
    public enum Kind { MISSING, FILE, DIRECTORY }

    private final Repository repository;
    private final RevTree tree;

    SourceTree(Repository repository, RevTree tree) {
        this.repository = repository;
        this.tree = tree;
    }

    /** What is at a normalised path ("" is the root). */
    public Kind kind(String path) {
        if (path.isEmpty()) {
            return Kind.DIRECTORY;
        }
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            if (walk == null) {
                return Kind.MISSING;
            }
            return walk.getFileMode(0) == FileMode.TREE ? Kind.DIRECTORY : Kind.FILE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> read(String path) {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            if (walk == null || walk.getFileMode(0) == FileMode.TREE) {
                return Optional.empty();
            }
            return Optional.of(new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code base} joined with {@code relative}, {@code ./} and {@code ..} resolved, without a leading slash;
     * empty when the result climbs out of the repository.
     */
    public static Optional<String> resolve(String base, String relative) {
        Deque<String> parts = new ArrayDeque<>();
        String joined = relative.startsWith("/") ? relative : base + "/" + relative;
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }
}

package io.aksflux.git;

import io.aksflux.error.GitException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * The paths of one clone that aksflux reads and writes, kept inside it whatever the repository holds. Every step
 * from the clone's root to the path is checked without following links: a symbolic link or a submodule (gitlink)
 * on the way, a file where a folder should be or a folder where a file should be is refused, naming the repository,
 * branch and path. Symbolic links are refused even when they point inside the clone: Flux resolves them in its own
 * checkout, so what aksflux would see through one is not what Flux builds. Reads are capped and must be text.
 */
final class ClonePaths {
    /** Far above any file aksflux seeds or merges (a kustomization is a few hundred bytes); a larger one is not ours. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    private final Repository repository;
    private final Path root;
    private final String url;
    private final String branch;
    private final OnDemandWorkTree workTree;

    ClonePaths(Repository repository, Path root, String url, String branch) {
        this(repository, root, url, branch, null);
    }

    /** {@code workTree}: writes a path's steps from the index before they are checked (null: the work tree is complete). */
    ClonePaths(Repository repository, Path root, String url, String branch, OnDemandWorkTree workTree) {
        this.repository = repository;
        this.root = root;
        this.url = url;
        this.branch = branch;
        this.workTree = workTree;
    }

    /** The text of a file, empty when nothing is there. */
    Optional<String> read(String path) {
        Path file = walk(path, true, "Nothing was pushed.");
        BasicFileAttributes attributes = attributes(file).orElse(null);
        if (attributes == null || !attributes.isRegularFile()) {
            return Optional.empty();
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw refused(path + " is " + size(attributes.size()) + ", more than the " + size(MAX_FILE_BYTES)
                    + " aksflux reads from a repository, so it is not a file aksflux seeds; move it or make it the file"
                    + " the template expects. Nothing was pushed.");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1); // the cap holds even if the file grew after the size check
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw refused(path + " is more than the " + size(MAX_FILE_BYTES) + " aksflux reads from a repository. Nothing was pushed.");
        }
        return Optional.of(text(path, bytes));
    }

    /** Whether a real folder is there; a symbolic link or submodule there or on the way is refused. */
    boolean isDirectory(String path) {
        Path folder = walk(path, false, "aksflux only read the repository and changed nothing.");
        return attributes(folder).map(BasicFileAttributes::isDirectory).orElse(false);
    }

    /** Writes a file (and the folders leading to it), never through a link; returns it relative to the root, for staging. */
    String write(String path, String content) {
        Path file = walk(path, true, "Nothing was pushed.");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return relative(file);
    }

    /**
     * The path inside the clone, after checking each step from the root: not a symbolic link, not a submodule, a
     * folder wherever a folder is needed, and (when {@code file}) not a folder at the end. {@code tail} says what
     * a refusal left unchanged.
     */
    private Path walk(String path, boolean file, String tail) {
        Path target = root.resolve(path.startsWith("./") ? path.substring(2) : path).normalize();
        if (!target.startsWith(root) || target.equals(root) && file || target.startsWith(root.resolve(".git"))) {
            throw refused("path " + path + " leaves the repository. " + tail);
        }
        if (workTree != null) {
            workTree.materialize(root.relativize(target)); // the checks below then see what a full checkout would hold
        }
        DirCache index = index();
        Path step = root;
        for (Path name : root.relativize(target)) {
            step = step.resolve(name);
            String at = relative(step);
            DirCacheEntry entry = index.getEntry(at);
            FileMode mode = entry == null ? null : entry.getFileMode();
            if (FileMode.SYMLINK.equals(mode) || Files.isSymbolicLink(step)) {
                throw refused(on(at, path) + " is a symbolic link" + linkTarget(step) + "; aksflux does not follow symbolic"
                        + " links in a repository, not even to a target inside it, because Flux resolves them in its own"
                        + " checkout; replace it with a real folder or file. " + tail);
            }
            if (FileMode.GITLINK.equals(mode)) {
                throw refused(on(at, path) + " is a submodule (gitlink); aksflux never replaces a submodule with a folder"
                        + " (nothing in a repository is ever removed); remove the submodule or move it elsewhere. " + tail);
            }
            Optional<BasicFileAttributes> attributes = attributes(step);
            if (attributes.isEmpty()) {
                break; // nothing further down exists yet
            }
            boolean last = step.equals(target);
            if (!last && !attributes.get().isDirectory()) {
                throw refused(on(at, path) + " is a file where aksflux needs a folder; rename or move it. " + tail);
            }
            if (last && file && attributes.get().isDirectory()) {
                throw refused(path + " is a folder where aksflux needs a file; rename or move it. " + tail);
            }
        }
        inRealRoot(path, target, tail);
        return target;
    }

    /** Defence in depth: the deepest existing step resolves, links and all, to a place inside the clone. */
    private void inRealRoot(String path, Path target, String tail) {
        Path existing = target;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (!existing.toRealPath().startsWith(root.toRealPath())) {
                throw refused("path " + path + " resolves outside the repository. " + tail);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String on(String at, String path) {
        String asked = path.startsWith("./") ? path.substring(2) : path;
        return at.equals(asked) ? path : at + " (on the way to " + path + ")";
    }

    private static String linkTarget(Path link) {
        try {
            return Files.isSymbolicLink(link) ? " to " + Files.readSymbolicLink(link) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String text(String path, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') < 0) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // binary: refused below
        }
        throw refused(path + " is binary, not UTF-8 text, so it is not a file aksflux seeds; replace it with the"
                + " file the template expects or move it. Nothing was pushed.");
    }

    private DirCache index() {
        try {
            return repository.readDirCache();
        } catch (IOException e) {
            throw new GitException("cannot read the index of a clone of " + url + ": " + e.getMessage());
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private GitException refused(String why) {
        return new GitException("refused " + url + " branch " + branch + ": " + why);
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0)
                : String.format(Locale.ROOT, "%d KiB", bytes / 1024);
    }
}

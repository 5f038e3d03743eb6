package io.aksflux.guard;

import io.aksflux.git.GitCheckout;
import io.aksflux.kustomize.DirectoryTree;
import io.aksflux.kustomize.FileTree;
import io.aksflux.kustomize.KustomizeBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One repository's files as Flux reads them at a path: a kustomize tree, and the files below a folder (Flux builds a
 * folder without a kustomization file from every manifest below it).
 */
public interface RepositoryFiles extends FileTree {

    /** Every file at or below {@code folder} ({@code ""} the root), repository-relative. */
    SortedSet<String> filesUnder(String folder);

    /** The files a seed renders for the repository: what offline {@code validate} can check. */
    static RepositoryFiles of(Map<String, String> files) {
        TreeMap<String, String> byPath = new TreeMap<>(files);
        return new RepositoryFiles() {
            @Override
            public Optional<String> read(String path) {
                return Optional.ofNullable(byPath.get(path));
            }

            @Override
            public boolean isDirectory(String path) {
                return path.isEmpty() ? !byPath.isEmpty() : byPath.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
            }

            @Override
            public SortedSet<String> kustomizationFolders() {
                SortedSet<String> folders = new TreeSet<>();
                byPath.keySet().stream().filter(p -> KustomizeBuilder.KUSTOMIZATION_FILES.contains(name(p)))
                        .map(p -> p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "").forEach(folders::add);
                return folders;
            }

            @Override
            public SortedSet<String> filesUnder(String folder) {
                SortedSet<String> under = new TreeSet<>();
                byPath.keySet().stream().filter(p -> folder.isEmpty() || p.startsWith(folder + "/")).forEach(under::add);
                return under;
            }
        };
    }

    /**
     * A working copy of the configured branch, as the online plan reads it: files are read on demand; the whole work
     * tree is written only when Flux would build a folder without a kustomization file.
     */
    static RepositoryFiles of(GitCheckout checkout) {
        return new RepositoryFiles() {
            @Override
            public Optional<String> read(String path) {
                try {
                    return checkout.read(path);
                } catch (io.aksflux.error.GitException refused) {
                    // not a file a seed writes (UTF-16 with its byte-order mark, say), but kustomize reads it
                    return checkout.workTree().flatMap(root -> plainFile(root, path));
                }
            }

            @Override
            public boolean isDirectory(String path) {
                return checkout.isDirectory(path);
            }

            @Override
            public SortedSet<String> kustomizationFolders() {
                return checkout.workTree().map(root -> new DirectoryTree(root).kustomizationFolders()).orElseGet(TreeSet::new);
            }

            @Override
            public SortedSet<String> filesUnder(String folder) {
                SortedSet<String> under = new TreeSet<>();
                checkout.workTree().ifPresent(root -> walk(root, folder, under));
                return under;
            }
        };
    }

    /** A regular file of the work tree, reached without a symbolic link on the way; else empty. */
    private static Optional<String> plainFile(Path root, String path) {
        Path step = root;
        for (Path name : Path.of(path)) {
            step = step.resolve(name);
            if (Files.isSymbolicLink(step)) {
                return Optional.empty();
            }
        }
        return step.normalize().startsWith(root) && Files.isRegularFile(step, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? new DirectoryTree(root).read(path) : Optional.empty();
    }

    private static void walk(Path root, String folder, SortedSet<String> into) {
        Path start = root.resolve(folder);
        if (!Files.isDirectory(start)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(start)) {
            walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(".git") && !p.startsWith(".git/")).forEach(into::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

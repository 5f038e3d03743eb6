package io.aksflux.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A work tree on disk; {@code .git} is not part of it. */
public final class DirectoryTree implements FileTree {
    private final Path root;

    public DirectoryTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<String> read(String path) {
        Path file = root.resolve(path);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(root.resolve(path));
    }

    @Override
    public SortedSet<String> kustomizationFolders() {
        SortedSet<String> found = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !root.relativize(p).toString().replace('\\', '/').matches("^\\.git(/.*)?$"))
                    .filter(p -> KustomizeBuilder.KUSTOMIZATION_FILES.contains(p.getFileName().toString()) && Files.isRegularFile(p))
                    .map(p -> root.relativize(p.getParent()).toString().replace('\\', '/'))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}

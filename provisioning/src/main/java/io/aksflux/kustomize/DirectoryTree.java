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
            return Files.isRegularFile(file) ? Optional.of(decode(Files.readAllBytes(file))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8, or UTF-16 when the file starts with its byte-order mark (kustomize reads both). */
    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        return new String(bytes, bom, bytes.length - bom, StandardCharsets.UTF_8);
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

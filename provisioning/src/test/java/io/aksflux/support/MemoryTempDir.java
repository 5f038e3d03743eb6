package io.aksflux.support;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code @TempDir} in memory ({@code /dev/shm}) where the machine has one, for tests that rewrite files thousands of
 * times: on a disk each rewrite may wait for the file system. Elsewhere an ordinary temporary folder.
 */
public final class MemoryTempDir implements TempDirFactory {
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        return Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
                ? Files.createTempDirectory(SHARED_MEMORY, "junit-")
                : Files.createTempDirectory("junit-");
    }
}

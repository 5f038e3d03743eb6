package io.aksflux.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where template sets are read from: a {@code flux-templates/} folder, or the copy bundled in the jar. */
public interface TemplateSource {

    Optional<String> read(String relativePath);

    /** How to name a template file in a message. */
    String describe(String relativePath);

    static TemplateSource directory(Path root) {
        return new TemplateSource() {
            @Override
            public Optional<String> read(String relativePath) {
                Path file = root.resolve(relativePath).normalize();
                if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return root.resolve(relativePath).toString();
            }
        };
    }

    static TemplateSource bundled() {
        return new TemplateSource() {
            @Override
            public Optional<String> read(String relativePath) {
                try (InputStream in = TemplateSource.class.getResourceAsStream("/flux-templates/" + relativePath)) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return "flux-templates/" + relativePath + " (bundled)";
            }
        };
    }

    /** {@code flux-templates/} beside the environments folder when it exists, else the bundled copy. */
    static TemplateSource beside(Path environmentsDir) {
        Path sibling = environmentsDir.toAbsolutePath().normalize().resolveSibling("flux-templates");
        return Files.isDirectory(sibling) ? directory(sibling) : bundled();
    }
}

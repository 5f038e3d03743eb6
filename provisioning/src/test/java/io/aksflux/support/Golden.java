package io.aksflux.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden files under src/test/resources/golden; run with -Dgolden.update=true to rewrite them deliberately. */
public final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual);
        }
        assertThat(file).as("golden file %s (refresh with -Dgolden.update=true)", file).exists();
        assertThat(actual).as("output differs from golden file %s", file).isEqualTo(Files.readString(file));
    }
}

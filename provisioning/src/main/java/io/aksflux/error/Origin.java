package io.aksflux.error;

import java.nio.file.Path;

/** Where a configuration value was written: a file and line, or a command-line override. */
public record Origin(String source, int line) {

    public static Origin of(Path file, int line) {
        return new Origin(file.toString(), line);
    }

    public static Origin commandLine() {
        return new Origin("--set", 0);
    }

    /** {@code FILE:LINE}, or just the source when there is no line (command-line overrides). */
    public String render() {
        return line > 0 ? source + ":" + line : source;
    }

    @Override
    public String toString() {
        return render();
    }
}

package io.aksflux.cli;

import picocli.CommandLine.Option;

/** {@code -o/--output text|json}, shared by every command that renders a result. */
public final class OutputOption {
    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (one JSON object on stdout)")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}

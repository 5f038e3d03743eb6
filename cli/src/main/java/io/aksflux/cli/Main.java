package io.aksflux.cli;

import picocli.CommandLine;

/** Entry point of the {@code aksflux} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AksfluxCommand.commandLine(System.getenv()).execute(args));
    }
}

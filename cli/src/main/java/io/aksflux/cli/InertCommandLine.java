package io.aksflux.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** A command line whose writers, whoever sets them (tests do), are always {@link InertWriter}s. */
final class InertCommandLine extends CommandLine {
    InertCommandLine(Object command, IFactory factory) {
        super(command, factory);
    }

    @Override
    public CommandLine setOut(PrintWriter out) {
        return super.setOut(InertWriter.of(out));
    }

    @Override
    public CommandLine setErr(PrintWriter err) {
        return super.setErr(InertWriter.of(err));
    }
}

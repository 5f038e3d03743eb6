package io.aksflux.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in-process and captures what it prints. */
final class Cli {
    static final Path ROOT = Path.of(System.getProperty("aksflux.root", "..")).toAbsolutePath().normalize();
    static final String ENVIRONMENTS = ROOT.resolve("environments").toString();

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> processEnvironment, String... args) {
        return run(CliContext.of(processEnvironment), args);
    }

    /** With a context of the test's own: its process environment, and waits on a simulated clock. */
    static Result run(CliContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AksfluxCommand.commandLine(context)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}

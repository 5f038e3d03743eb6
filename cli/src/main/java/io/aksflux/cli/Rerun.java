package io.aksflux.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command line to run again, exactly as given (environments folder, {@code --set}, {@code --wait-timeout}...),
 * quoted for a POSIX shell. Secrets are never in it: aksflux takes them only from environment variables.
 */
final class Rerun {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private Rerun() {
    }

    static String of(CommandSpec spec) {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        return "aksflux " + args.stream().map(Rerun::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}

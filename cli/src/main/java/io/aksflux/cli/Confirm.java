package io.aksflux.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Asks a yes/no question on the terminal. */
final class Confirm {
    private Confirm() {
    }

    static boolean ask(CommandSpec spec, String question) {
        spec.commandLine().getErr().print(question + " [y/N] ");
        spec.commandLine().getErr().flush();
        String answer = System.console().readLine();
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }
}

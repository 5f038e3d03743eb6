package io.aksflux.cli;

/** Entry point of the {@code aksflux} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Interrupts interrupts = Interrupts.forProcess();
        Runtime.getRuntime().addShutdownHook(interrupts.hook()); // the only hook, added once before any command runs
        System.exit(AksfluxCommand.commandLine(CliContext.forProcess(System.getenv(), interrupts)).execute(args));
    }
}

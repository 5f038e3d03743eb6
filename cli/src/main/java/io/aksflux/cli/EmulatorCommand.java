package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Run the local Azure Resource Manager emulator until interrupted, with a healthy cluster for every environment.",
                "It serves resource providers, managed clusters, the microsoft.flux extension, flux configurations (with simulated Flux "
                        + "reading local Git repositories) and Event Hub keys over HTTPS with its own CA."})
final class EmulatorCommand implements Callable<Integer>, CommandFactory.NeedsContext {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    EmulatorSettings settings;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.Positive.class,
            description = "Stop by itself after this long (e.g. 30m for a pipeline job); default: until interrupted.")
    Duration runFor;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArmEmulator emulator = settings.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Interrupts.Registration onInterrupt = Interruptible.cleaningUp(context, () -> {
            emulator.close();
            stopped.countDown();
            err.println("aksflux ARM emulator stopped; its CA key and certificate are deleted");
            err.flush();
        });
        settings.faults(emulator);
        List<String> clusters = EmulatedEstate.addAll(emulator, options.workspace(), options.overrides, settings.access(), err);
        EmulatorView.listening(out, emulator, settings.bind, clusters, settings.entraOnly, runFor);
        if (runFor == null) {
            stopped.await();
        } else {
            context.pacing().ticker().sleep(runFor);
            onInterrupt.close();
            emulator.close();
            out.println("aksflux ARM emulator stopped");
            out.flush();
        }
        return ExitCodes.OK;
    }
}

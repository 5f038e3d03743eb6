package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.EmulatorOptions;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.error.AksfluxException;
import io.aksflux.error.UsageException;
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

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "HTTPS port (default: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = EmulatorOptions.LOOPBACK,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; it accepts any token, so 0.0.0.0 exposes it to the network).")
    String bind;

    @Option(names = "--lro-duration", paramLabel = "D", converter = DurationConverter.class,
            description = "How long each long-running operation takes (default: 2s).")
    Duration lroDuration = EmulatorOptions.DEFAULT_LRO;

    @Option(names = "--reconcile-step", paramLabel = "D", converter = DurationConverter.class,
            description = "How long each kustomization takes to turn Compliant once its dependencies are (default: 2s).")
    Duration reconcileStep = EmulatorOptions.DEFAULT_RECONCILE_STEP;

    @Option(names = "--conflicts", paramLabel = "N", description = "Answer the first N PUTs with 409 OperationNotAllowed.")
    int conflicts;

    @Option(names = "--throttle", paramLabel = "N", description = "Answer the first N requests with 429 (Retry-After: 1).")
    int throttle;

    @Option(names = "--server-errors", paramLabel = "N", description = "Answer the first N requests with 500.")
    int serverErrors;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.Positive.class,
            description = "Stop by itself after this long (e.g. 30m for a pipeline job); default: until interrupted.")
    Duration runFor;

    @Option(names = "--entra-only", description = "Model every cluster as the reference platform's: AKS-managed Entra ID with Azure RBAC, "
            + "local accounts disabled, private API server (run command then needs AKSFLUX_AKS_TOKEN beside AKSFLUX_ARM_TOKEN).")
    boolean entraOnly;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArmEmulator emulator = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Interrupts.Registration onInterrupt = context.interrupts().during(() -> {
            emulator.close();
            stopped.countDown();
            err.println("aksflux ARM emulator stopped; its CA key and certificate are deleted");
            err.flush();
        });
        emulator.faults().conflictsBeforePut(conflicts).throttle(throttle, 1).serverErrors(serverErrors);
        List<String> seeded = seed(emulator, options.workspace(), err);
        out.println("aksflux ARM emulator listening on " + emulator.endpoint() + " (address " + bind + ")");
        out.println("clusters:" + (seeded.isEmpty() ? " none" : ""));
        seeded.forEach(line -> out.println("  " + line));
        out.println("CA certificate: " + emulator.caFile());
        out.println();
        out.println("Point aksflux at it:");
        out.println("  export AKSFLUX_ARM_ENDPOINT=" + emulator.endpoint());
        out.println("  export AKSFLUX_CA_FILE=" + emulator.caFile());
        out.println("  export AKSFLUX_ARM_TOKEN=emulator");
        if (entraOnly) {
            out.println("  export AKSFLUX_AKS_TOKEN=emulator-aks");
        }
        out.println("Flux configurations must point at local repositories (file://, a path or http://localhost).");
        out.println(runFor == null ? "Press Ctrl-C to stop." : "Stopping by itself after " + runFor.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " (or on Ctrl-C).");
        out.flush();
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

    private ArmEmulator start() {
        try {
            return ArmEmulator.start(EmulatorOptions.defaults().withPort(port).withBindAddress(bind).withLroDuration(lroDuration)
                    .withReconcileStep(reconcileStep));
        } catch (ArmEmulator.PortInUseException e) {
            throw new UsageException(e.getMessage() + "; choose another with --port" + (bind.equals(EmulatorOptions.LOOPBACK) ? "" : " or --bind"));
        }
    }

    /** A healthy cluster (and its Event Hub rule) for every environment that loads; the others are named and skipped. */
    private List<String> seed(ArmEmulator emulator, Workspace workspace, PrintWriter err) {
        List<String> names;
        try {
            names = workspace.environmentNames();
        } catch (AksfluxException e) {
            err.println("warning: " + Inert.line(e.getMessage()) + "; starting with no clusters");
            return List.of();
        }
        return names.stream().map(name -> {
            try {
                Environment env = workspace.environment(name, options.overrides);
                EmulatedEstate.add(emulator, env, entraOnly ? io.aksflux.emulator.ClusterSpec.Access.ENTRA_ONLY : io.aksflux.emulator.ClusterSpec.Access.OPEN);
                return String.format("%-6s %s in resource group %s", name, env.azure().cluster(), env.azure().resourceGroup())
                        + (entraOnly ? " (Entra ID, local accounts disabled, private)" : "");
            } catch (AksfluxException e) {
                err.println("warning: environment " + name + " skipped: " + Inert.line(e.getMessage().lines().findFirst().orElse("")));
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
    }
}

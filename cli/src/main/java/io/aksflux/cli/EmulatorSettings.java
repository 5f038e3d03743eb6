package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.emulator.EmulatorOptions;
import io.aksflux.error.UsageException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How the emulator listens, how long its operations take, which faults it answers with, and how its clusters are reached. */
public final class EmulatorSettings {
    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "HTTPS port (default: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = EmulatorOptions.LOOPBACK,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; it accepts any token, so 0.0.0.0 exposes it to the network).")
    String bind;

    @Option(names = "--lro-duration", paramLabel = "D", converter = DurationConverter.class,
            description = "How long each long-running operation takes (default: 2s).")
    Duration lroDuration = EmulatorOptions.DEFAULT_LRO;

    @Option(names = "--extension-lro-duration", paramLabel = "D", converter = DurationConverter.class,
            description = "How long an extension install or update takes (default: as --lro-duration; on AKS it is minutes).")
    Duration extensionLroDuration;

    @Option(names = "--reconcile-step", paramLabel = "D", converter = DurationConverter.class,
            description = "How long each kustomization takes to turn Compliant once its dependencies are (default: 2s).")
    Duration reconcileStep = EmulatorOptions.DEFAULT_RECONCILE_STEP;

    @Option(names = "--conflicts", paramLabel = "N", description = "Answer the first N PUTs with 409 OperationNotAllowed.")
    int conflicts;

    @Option(names = "--throttle", paramLabel = "N", description = "Answer the first N requests with 429 (Retry-After: 1).")
    int throttle;

    @Option(names = "--server-errors", paramLabel = "N", description = "Answer the first N requests with 500.")
    int serverErrors;

    @Option(names = "--reads-per-hour", paramLabel = "N", description = "Each subscription's reads an hour (default: 12000, as ARM's); "
            + "every read says what is left in x-ms-ratelimit-remaining-subscription-reads, and once spent reads are answered 429.")
    int readsPerHour = 12_000;

    @Option(names = "--entra-only", description = "Model every cluster as the reference platform's: AKS-managed Entra ID with Azure RBAC, "
            + "local accounts disabled, private API server (run command then needs AKSFLUX_AKS_TOKEN beside AKSFLUX_ARM_TOKEN).")
    boolean entraOnly;

    /** The emulator, listening; a port in use is a usage error that names the option to change. */
    ArmEmulator start() {
        if (readsPerHour < 1) {
            throw new UsageException("--reads-per-hour must be at least 1, not " + readsPerHour); // refused before listening
        }
        try {
            return ArmEmulator.start(EmulatorOptions.defaults().withPort(port).withBindAddress(bind).withLroDuration(lroDuration)
                    .withReconcileStep(reconcileStep).withExtensionLroDuration(extensionLroDuration == null ? lroDuration : extensionLroDuration));
        } catch (ArmEmulator.PortInUseException e) {
            throw new UsageException(e.getMessage() + "; choose another with --port" + (bind.equals(EmulatorOptions.LOOPBACK) ? "" : " or --bind"));
        }
    }

    /** The faults it answers with, before any environment's cluster is added. */
    void faults(ArmEmulator emulator) {
        emulator.faults().conflictsBeforePut(conflicts).throttle(throttle, 1).serverErrors(serverErrors);
        emulator.readBudget().allow(readsPerHour, java.time.Duration.ofHours(1));
    }

    ClusterSpec.Access access() {
        return entraOnly ? ClusterSpec.Access.ENTRA_ONLY : ClusterSpec.Access.OPEN;
    }
}

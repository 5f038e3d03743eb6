package io.aksflux.support;

import io.aksflux.azure.ArmConnection;
import io.aksflux.azure.ArmCredentials;
import io.aksflux.azure.AzureArmGateway;
import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.EmulatorOptions;
import io.aksflux.environment.Environment;

import java.time.Duration;
import java.util.Map;

/**
 * The emulator on a test's simulated clock and the real Azure SDK HTTP path to it over HTTPS, trusting the
 * emulator's CA, with a cluster and Event Hub per environment added: what engine and command-line tests over HTTPS
 * start from (the CLI's {@code Estate} starts its emulator here too).
 */
public final class EmulatedAzure implements AutoCloseable {
    public final ArmEmulator emulator;
    public final AzureArmGateway arm;

    /** Operations take {@code operation}; each kustomization turns Compliant {@code reconcileStep} after its dependencies. */
    public EmulatedAzure(SimulatedTicker ticker, Duration operation, Duration reconcileStep) {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(ticker).withLroDuration(operation)
                .withReconcileStep(reconcileStep));
        arm = new AzureArmGateway(connection(), ArmCredentials.resolve(Map.of("AKSFLUX_ARM_TOKEN", "t")));
    }

    /** The emulator's endpoint, trusting its CA, with 1 ms retry delays: for a gateway with credentials of the test's own. */
    public ArmConnection connection() {
        return ArmConnection.from(emulator.endpoint(), emulator.caFile(), Map.of()).withRetryBaseDelay(Duration.ofMillis(1));
    }

    /** The environment's cluster and the Event Hub its notification secret is read from. */
    public void add(Environment env) {
        emulator.addCluster(env.azure().subscriptionId(), env.azure().resourceGroup(), env.azure().cluster());
        var hub = env.notifications().eventHub();
        emulator.addEventHub(env.azure().subscriptionId(), hub.resourceGroup(), hub.namespace(), hub.name(), hub.authorizationRule());
    }

    @Override
    public void close() {
        emulator.close();
    }
}

package io.aksflux.support;

import io.aksflux.azure.ArmBudget;
import io.aksflux.azure.ArmConnection;
import io.aksflux.azure.ArmCredentials;
import io.aksflux.azure.AzureArmGateway;
import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.EmulatorOptions;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.environment.Environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The emulator on a test's simulated clock and the real Azure SDK HTTP path to it over HTTPS, trusting the
 * emulator's CA, with a cluster and Event Hub per environment added: what engine and command-line tests over HTTPS
 * start from (the CLI's {@code Estate} starts its emulator here too).
 */
public final class EmulatedAzure implements AutoCloseable {
    /** The flux extension below a cluster's id, as the shipped environments name it. */
    public static final String EXTENSION = "/providers/Microsoft.KubernetesConfiguration/extensions/flux";
    /** The flux configuration below a cluster's id, as the shipped environments name it. */
    public static final String FLUX = "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config";
    public final ArmEmulator emulator;
    public final AzureArmGateway arm;
    private final SimulatedTicker ticker;

    /** Operations take {@code operation}; each kustomization turns Compliant {@code reconcileStep} after its dependencies. */
    public EmulatedAzure(SimulatedTicker ticker, Duration operation, Duration reconcileStep) {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(ticker).withLroDuration(operation)
                .withReconcileStep(reconcileStep));
        this.ticker = ticker;
        arm = newGateway();
    }

    /**
     * Another gateway to the same emulator, as a new process of aksflux builds: it remembers nothing the first one saw,
     * and has an ARM budget of its own on the simulated clock.
     */
    public AzureArmGateway newGateway() {
        return newGateway(ArmBudget.Settings.standard());
    }

    /** The same, with the budget paced as {@code budget} says. */
    public AzureArmGateway newGateway(ArmBudget.Settings budget) {
        return new AzureArmGateway(connection(), ArmCredentials.resolve(Map.of("AKSFLUX_ARM_TOKEN", "t")), java.util.Optional.empty(),
                new ArmBudget(ticker, budget));
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

    /**
     * Writes ARM answered as {@code "PUT <provider path> 201"}, in order: PUT, DELETE, POST actions and a runCommand that
     * runs {@code kubectl apply}; listKeys and a runCommand running {@code kubectl get} only read ({@link RecordedRequest#isWrite}).
     */
    public List<String> writes() {
        return emulator.requests().stream().filter(RecordedRequest::isWrite).map(RecordedRequest::summary).toList();
    }

    @Override
    public void close() {
        emulator.close();
    }
}

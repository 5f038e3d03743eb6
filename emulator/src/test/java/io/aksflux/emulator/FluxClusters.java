package io.aksflux.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.UUID;

/**
 * The emulator on a simulated clock (10 s operations, 30 s reconcile steps) with an HTTPS client, handing out
 * clusters whose flux extension is installed: where the simulated Flux tests start, each test on a cluster of its own.
 * One per test class ({@code @RegisterExtension static final FluxClusters azure = new FluxClusters();}): started
 * before the first test, stopped after the last.
 */
final class FluxClusters implements BeforeAllCallback, AfterAllCallback {
    static final Duration LRO = Duration.ofSeconds(10);
    static final Duration STEP = Duration.ofSeconds(30);
    final SimulatedClock clock = new SimulatedClock();
    ArmEmulator emulator;
    ArmClient arm;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(clock).withLroDuration(LRO).withReconcileStep(STEP));
        arm = new ArmClient(emulator);
    }

    /** A cluster in a subscription of its own with the flux extension installed (its operation done); returns its id. */
    String clusterWithFluxExtension() {
        String subscription = UUID.randomUUID().toString();
        emulator.addCluster(subscription, "rg", "aks");
        String cluster = "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
        arm.put(cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version=2025-03-01", ArmEmulatorTest.EXTENSION_BODY);
        clock.advance(LRO);
        return cluster;
    }

    /** The URL of the cluster's flux configuration {@code flux-config}, with its API version. */
    static String fluxConfiguration(String cluster) {
        return cluster + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config?api-version=2025-04-01";
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}

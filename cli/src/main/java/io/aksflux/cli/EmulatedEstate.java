package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.environment.Environment;

/** What an environment needs to exist in the emulator before aksflux can provision it: its cluster and Event Hub rule. */
final class EmulatedEstate {
    private EmulatedEstate() {
    }

    static void add(ArmEmulator emulator, Environment env) {
        add(emulator, env, ClusterSpec.Access.OPEN);
    }

    /** @param access how the cluster's API server is reached ({@link ClusterSpec.Access#ENTRA_ONLY}: as the reference platform's) */
    static void add(ArmEmulator emulator, Environment env, ClusterSpec.Access access) {
        emulator.addCluster(ClusterSpec.of(env.azure().subscriptionId(), env.azure().resourceGroup(), env.azure().cluster()).withAccess(access));
        Environment.EventHub hub = env.notifications() == null ? null : env.notifications().eventHub();
        if (hub != null && hub.namespace() != null && hub.name() != null && hub.authorizationRule() != null) {
            emulator.addEventHub(env.azure().subscriptionId(), hub.resourceGroup(),
                    hub.namespace(), hub.name(), hub.authorizationRule());
        }
    }
}

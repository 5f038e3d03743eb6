package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.error.AksfluxException;

import java.io.PrintWriter;
import java.util.List;

/** What an environment needs to exist in the emulator before aksflux can provision it: its cluster and Event Hub rule. */
final class EmulatedEstate {
    private EmulatedEstate() {
    }

    /**
     * A healthy cluster (and its Event Hub rule) for every environment of the workspace that loads; the others are named
     * on {@code err} and skipped. Returns a line per cluster added.
     */
    static List<String> addAll(ArmEmulator emulator, Workspace workspace, List<String> overrides, ClusterSpec.Access access,
                               PrintWriter err) {
        List<String> names;
        try {
            names = workspace.environmentNames();
        } catch (AksfluxException e) {
            err.println("warning: " + Inert.line(e.getMessage()) + "; starting with no clusters");
            return List.of();
        }
        boolean entraOnly = access == ClusterSpec.Access.ENTRA_ONLY;
        return names.stream().map(name -> {
            try {
                Environment env = workspace.environment(name, overrides);
                add(emulator, env, access);
                return String.format("%-6s %s in resource group %s", name, env.azure().cluster(), env.azure().resourceGroup())
                        + (entraOnly ? " (Entra ID, local accounts disabled, private)" : "");
            } catch (AksfluxException e) {
                err.println("warning: environment " + name + " skipped: " + Inert.line(e.getMessage().lines().findFirst().orElse("")));
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
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

package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** What {@code aksflux emulator} says once it listens: where, its clusters, and how to point aksflux at it. */
final class EmulatorView {
    private EmulatorView() {
    }

    /** @param runFor how long it runs by itself (null: until interrupted) */
    static void listening(PrintWriter out, ArmEmulator emulator, String bind, List<String> clusters, boolean entraOnly, Duration runFor) {
        out.println("aksflux ARM emulator listening on " + emulator.endpoint() + " (address " + bind + ")");
        out.println("clusters:" + (clusters.isEmpty() ? " none" : ""));
        clusters.forEach(line -> out.println("  " + line));
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
    }
}

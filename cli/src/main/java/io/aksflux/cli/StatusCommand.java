package io.aksflux.cli;

import io.aksflux.apply.ResourceState;
import io.aksflux.apply.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the extension and flux configuration of an environment as Azure reports them.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    ArmOptions arm;

    @Mixin
    OutputOption output;

    @Parameters(paramLabel = "ENV", description = "Environment name, e.g. snd4.")
    String environment;

    @Override
    public Integer call() {
        StatusReport report = StatusReport.read(options.workspace().environment(environment, options.overrides), arm.gateway());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(report));
        } else {
            render(report, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void render(StatusReport report, PrintWriter out) {
        out.println("environment " + report.environment());
        out.println("  extension           " + report.extension()
                .map(e -> e.provisioningState() + (e.version().isEmpty() ? "" : ", version " + e.version())
                        + (e.error().isEmpty() ? "" : ", error: " + e.error()))
                .orElse("not installed"));
        out.println("  flux configuration  " + report.fluxConfiguration()
                .map(f -> f.provisioningState() + ", " + f.complianceState()
                        + (f.sourceCommit().isEmpty() ? "" : ", synced commit " + f.sourceCommit())
                        + (f.error().isEmpty() ? "" : ", error: " + f.error()))
                .orElse("not created"));
        report.fluxConfiguration().filter(f -> !f.statuses().isEmpty()).ifPresent(f -> {
            out.printf("%n  %-16s %-36s %-14s %s%n", "KIND", "NAME", "COMPLIANCE", "MESSAGE");
            for (ResourceState.ObjectStatus s : f.statuses()) {
                out.printf("  %-16s %-36s %-14s %s%n", s.kind(), s.name(), s.complianceState(), s.message());
            }
        });
    }
}

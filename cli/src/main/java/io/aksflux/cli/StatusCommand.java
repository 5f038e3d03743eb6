package io.aksflux.cli;

import io.aksflux.apply.ResourceState;
import io.aksflux.apply.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.aksflux.engine.Workspace;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the extension and flux configuration of an environment as Azure reports them; "
                + "a cluster that does not exist is an error (exit 1).",
                "With several environments (or --all): one line each, for an estate's health at a glance."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    ArmOptions arm;

    @Mixin
    OutputOption output;

    @Mixin
    EnvironmentSelection selection;

    @Override
    public Integer call() {
        Workspace workspace = options.workspace();
        List<String> names = selection.names(workspace, "the environment, e.g. 'aksflux status snd4'");
        PrintWriter out = spec.commandLine().getOut();
        if (selection.single()) {
            StatusReport report = StatusReport.read(workspace.environment(names.get(0), options.overrides), arm.gateway());
            if (output.json()) {
                out.println(Json.write(report));
            } else {
                render(report, out);
            }
            out.flush();
            return ExitCodes.OK;
        }
        EstateStatus estate = EstateStatus.read(workspace.environments(names, options.overrides), arm.gateway());
        estate.render(output.json(), out, spec.commandLine().getErr());
        return estate.exitCode();
    }

    static void render(StatusReport report, PrintWriter out) {
        out.println("environment " + Inert.line(report.environment()));
        out.println("  extension           " + Inert.line(report.extension()
                .map(e -> e.provisioningState() + (e.version().isEmpty() ? "" : ", version " + e.version())
                        + (e.error().isEmpty() ? "" : ", error: " + e.error()))
                .orElse("not installed")));
        out.println("  flux configuration  " + Inert.line(report.fluxConfiguration()
                .map(f -> f.provisioningState() + ", " + f.complianceState()
                        + (f.sourceCommit().isEmpty() ? "" : ", synced commit " + f.sourceCommit())
                        + (f.error().isEmpty() ? "" : ", error: " + f.error()))
                .orElse("not created")));
        report.fluxConfiguration().filter(f -> !f.statuses().isEmpty()).ifPresent(f -> {
            out.printf("%n  %-16s %-36s %-14s %s%n", "KIND", "NAME", "COMPLIANCE", "MESSAGE");
            for (ResourceState.ObjectStatus s : f.statuses()) {
                out.printf("  %-16s %-36s %-14s %s%n", s.kind(), s.name(), s.complianceState(), s.message());
            }
        });
    }
}

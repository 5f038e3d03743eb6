package io.aksflux.cli;

import io.aksflux.apply.Destroyer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** Confirmation: {@code --yes} goes to the engine, which refuses without it when a kustomization would prune workloads. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Delete the flux configuration, then the extension (unless --keep-extension).")
final class DestroyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    ArmOptions arm;

    @Option(names = "--yes", description = "Confirm: kustomizations with prune: true delete the workloads they applied.")
    boolean yes;

    @Option(names = "--keep-extension", description = "Delete only the flux configuration.")
    boolean keepExtension;

    @Option(names = "--force", description = "Send forceDelete (for resources stuck deleting).")
    boolean force;

    @Parameters(paramLabel = "ENV", description = "Environment name, e.g. snd4.")
    String environment;

    @Override
    public Integer call() {
        Destroyer.Request request = new Destroyer.Request(options.workspace().environment(environment, options.overrides), yes,
                keepExtension, force);
        ConsoleProgress progress = arm.progress(spec);
        List<String> deleted = Interruptible.run(spec, arm.context(), environment, () -> "interrupted during destroy " + environment
                        + (progress.currentDetail() == null ? " before anything was deleted"
                        : " while deleting " + progress.currentDetail() + "; a delete already sent to Azure continues there")
                        + "; re-run '" + Rerun.of(spec) + "' to finish; what is already gone is not deleted again.", progress,
                () -> new Destroyer(arm.gateway(), arm.context().pacing(), progress).destroy(request));
        spec.commandLine().getOut().println(Inert.line(deleted.isEmpty() ? "destroy " + environment + ": nothing to delete"
                : "destroy " + environment + ": deleted " + String.join(", then ", deleted)));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

package io.aksflux.cli;

import io.aksflux.engine.EstateStatus;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** One environment's status is an estate of one ({@link EstateStatus}), shown in full; several, one line each. */
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
        List<Environment> envs = selection.load(workspace, names, options.overrides);
        EstateStatus status = EstateStatus.read(envs, arm.gateway());
        return StatusView.render(status, selection.single(), output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

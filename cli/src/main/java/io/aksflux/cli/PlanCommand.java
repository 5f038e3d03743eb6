package io.aksflux.cli;

import io.aksflux.engine.Workspace;
import io.aksflux.change.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what aksflux would create or change for an environment, grouped by target.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    ArmOptions arm;

    @Mixin
    OutputOption output;

    @Option(names = "--offline", description = "Do not contact Azure or Git: plan as if nothing existed yet.\nWithout it, the plan compares with Azure (ARM resources), the Git repositories and the notification secret in the cluster (read only; through runCommand, with the connection string's digest).")
    boolean offline;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes, 0 when it has none.")
    boolean detailedExitCode;

    @Option(names = "--resend-protected-settings", description = "List protected settings as changed, as apply --resend-protected-settings would send them (Azure never returns them, so they are not compared otherwise). Values are never read or shown.")
    boolean resendProtectedSettings;

    @Parameters(paramLabel = "ENV", arity = "1..*",
            description = "Environment name, e.g. snd4. Several names print several plans (JSON: an array of plan objects).")
    List<String> environments;

    @Override
    public Integer call() {
        Workspace workspace = options.workspace();
        List<Plan> plans = environments.stream().map(env -> EnvironmentFailure.naming(env, () -> offline
                ? workspace.planOffline(env, options.overrides)
                : workspace.plan(env, options.overrides, arm.gateway(), options.adapters().git(), arm.keyVault(), arm.context().pacing(),
                        resendProtectedSettings))).toList();
        PlanView.render(plans, output.json(), spec.commandLine().getOut());
        return ExitCodes.changes(detailedExitCode, plans.stream().anyMatch(Plan::hasChanges));
    }
}

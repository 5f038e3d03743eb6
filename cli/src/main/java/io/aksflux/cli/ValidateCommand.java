package io.aksflux.cli;

import io.aksflux.engine.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check environment files (all, or the named ones) and report every problem as FILE:LINE: field: message.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentOptions options;

    @Mixin
    OutputOption output;

    @Parameters(paramLabel = "ENV", arity = "0..*", description = "Environments to check (default: every file).")
    List<String> environments = new ArrayList<>();

    @Override
    public Integer call() {
        ValidationReport report = options.workspace().validate(environments, options.overrides);
        ValidationView.render(report, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.of(report);
    }
}

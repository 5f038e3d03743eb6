package io.aksflux.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash and zsh (commands, options, stages, output formats).",
                "bash: source <(aksflux completion)   or save it: aksflux completion > /etc/bash_completion.d/aksflux",
                "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(aksflux completion)"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("aksflux", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

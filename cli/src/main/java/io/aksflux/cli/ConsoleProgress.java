package io.aksflux.cli;

import io.aksflux.apply.Progress;
import io.aksflux.apply.Ticker;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress on stderr, one line per event with the elapsed time and the stage: {@code [00:42] flux | ...}.
 * Inside Azure DevOps (TF_BUILD set) stages become collapsible groups and warnings use the logging commands.
 */
final class ConsoleProgress implements Progress {
    private final PrintWriter err;
    private final Ticker ticker;
    private final Instant start;
    private final boolean azureDevOps;
    private volatile String stage = "start";
    private boolean inGroup;

    /** Progress on the command's stderr, in Azure DevOps' log format inside a pipeline ({@code TF_BUILD}). */
    static ConsoleProgress of(picocli.CommandLine.Model.CommandSpec spec, CliContext context) {
        return new ConsoleProgress(spec.commandLine().getErr(), context.pacing().ticker(),
                context.processEnvironment().containsKey("TF_BUILD"));
    }

    ConsoleProgress(PrintWriter err, Ticker ticker, boolean azureDevOps) {
        this.err = err;
        this.ticker = ticker;
        this.start = ticker.now();
        this.azureDevOps = azureDevOps;
    }

    String currentStage() {
        return stage;
    }

    @Override
    public synchronized void stage(String stage, String detail) {
        this.stage = stage;
        if (azureDevOps) {
            if (inGroup) {
                err.println("##[endgroup]");
            }
            err.println("##[group]" + stage + ": " + detail);
            inGroup = true;
        } else {
            line(stage + ": " + detail);
        }
    }

    @Override
    public synchronized void info(String message) {
        line("  " + message);
    }

    @Override
    public synchronized void warn(String message) {
        if (azureDevOps) {
            err.println("##vso[task.logissue type=warning]" + message);
            err.flush();
        } else {
            line("  warning: " + message);
        }
    }

    synchronized void finish() {
        if (azureDevOps && inGroup) {
            err.println("##[endgroup]");
            inGroup = false;
        }
        err.flush();
    }

    private void line(String text) {
        long seconds = Duration.between(start, ticker.now()).toSeconds();
        err.printf("[%02d:%02d] %-13s %s%n", seconds / 60, seconds % 60, stage, text);
        err.flush();
    }
}

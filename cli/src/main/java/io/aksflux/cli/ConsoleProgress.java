package io.aksflux.cli;

import io.aksflux.base.Progress;
import io.aksflux.base.Ticker;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress on stderr, one line per event with the elapsed time and the stage: {@code [00:42] flux | ...}.
 * Inside Azure DevOps (TF_BUILD set) stages become collapsible groups and warnings use the logging commands.
 * When several environments are applied at once each has its own instance, prefixed with its name
 * ({@code [00:42] snd4  flux ...}); they share the writer and lock it per line, so lines interleave but never
 * tear, and there are no groups (interleaved groups would nest). Every message is one {@link Inert} line, and only
 * aksflux's own logging commands reach the log as commands.
 */
final class ConsoleProgress implements Progress {
    private final PrintWriter err;
    private final Ticker ticker;
    private final Instant start;
    private final boolean azureDevOps;
    private final String prefix;
    private volatile String stage = "start";
    private volatile String detail;
    private final java.util.List<String> pushes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean inGroup;
    private int screenWidth; // the terminal's columns when stderr is redrawn in place, else 0
    /** The width every terminal has, when the shell does not say ({@code COLUMNS}). */
    private static final int COLUMNS = 80;

    /** Progress on the command's stderr, in Azure DevOps' log format inside a pipeline ({@code TF_BUILD}). */
    static ConsoleProgress of(picocli.CommandLine.Model.CommandSpec spec, CliContext context) {
        boolean azureDevOps = context.processEnvironment().containsKey("TF_BUILD");
        ConsoleProgress console = new ConsoleProgress(spec.commandLine().getErr(), context.pacing().ticker(), azureDevOps);
        String term = context.processEnvironment().getOrDefault("TERM", "dumb");
        console.screenWidth = !azureDevOps && !term.equals("dumb") && context.terminal().redraws() ? columns(context) : 0;
        return console;
    }

    /** {@code COLUMNS} when the shell exports it, else the 80 every terminal has. */
    private static int columns(CliContext context) {
        try {
            return Integer.parseInt(context.processEnvironment().getOrDefault("COLUMNS", String.valueOf(COLUMNS)).strip());
        } catch (NumberFormatException e) {
            return COLUMNS;
        }
    }

    /**
     * The console of several environments applied at once: redrawn in place on a terminal ({@link LiveEstateView}),
     * else plain prefixed lines ({@link EstateConsole}), as pipelines and pipes read them.
     */
    ApplyWatch estate(java.util.List<String> environments) {
        return screenWidth > 0 ? new LiveEstateView(err, ticker, screenWidth, environments) : new EstateConsole(this, environments);
    }

    ConsoleProgress(PrintWriter err, Ticker ticker, boolean azureDevOps) {
        this(err, ticker, ticker.now(), azureDevOps, "");
    }

    private ConsoleProgress(PrintWriter err, Ticker ticker, Instant start, boolean azureDevOps, String prefix) {
        this.err = err;
        this.ticker = ticker;
        this.start = start;
        this.azureDevOps = azureDevOps;
        this.prefix = prefix;
    }

    /** The progress of one of several environments applied at once, on this one's writer and clock. */
    ConsoleProgress forEnvironment(String environment, int nameWidth) {
        return new ConsoleProgress(err, ticker, start, azureDevOps, String.format("%-" + nameWidth + "s  ", environment));
    }

    String currentStage() {
        return stage;
    }

    /** What the current stage said it works on (destroy: the resource being deleted); null before the first stage. */
    String currentDetail() {
        return detail;
    }

    @Override
    public void stage(String stage, String detail) {
        this.stage = stage;
        this.detail = detail;
        if (azureDevOps && prefix.isEmpty()) {
            synchronized (err) {
                if (inGroup) {
                    InertWriter.command(err, "##[endgroup]");
                }
                InertWriter.command(err, "##[group]" + Inert.line(stage + ": " + detail));
                inGroup = true;
            }
        } else {
            line(stage + ": " + detail);
        }
    }

    @Override
    public void info(String message) {
        line("  " + message);
    }

    @Override
    public void warn(String message) {
        if (azureDevOps) {
            InertWriter.command(err, "##vso[task.logissue type=warning]" + Inert.line(prefix.strip() + (prefix.isEmpty() ? "" : ": ") + message));
        } else {
            line("  warning: " + message);
        }
    }

    @Override
    public void pushed(String repo, String url, String branch, String commit) {
        pushes.add(repo + " " + commit.substring(0, Math.min(12, commit.length())) + " to " + branch + " of " + url);
    }

    /** What seeding pushed so far ({@code core 3f1c2a9b0d4e to main of https://...}): what stays, whatever happens next. */
    java.util.List<String> pushes() {
        return java.util.List.copyOf(pushes);
    }

    /** Runs {@code work}, then finishes this progress however it ends. */
    <T> T finishing(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } finally {
            finish();
        }
    }

    void finish() {
        synchronized (err) {
            if (inGroup) {
                InertWriter.command(err, "##[endgroup]");
                inGroup = false;
            }
            err.flush();
        }
    }

    private void line(String text) {
        long seconds = Duration.between(start, ticker.now()).toSeconds();
        print(String.format("[%02d:%02d] %s%-13s %s", seconds / 60, seconds % 60, prefix, stage, Inert.line(text)));
    }

    /** One whole line: every instance on this writer locks it, so concurrent environments never tear a line. */
    private void print(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}

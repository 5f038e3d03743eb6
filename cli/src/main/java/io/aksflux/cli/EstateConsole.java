package io.aksflux.cli;

import io.aksflux.base.Progress;
import io.aksflux.engine.EstateResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console of an apply of several environments: one prefixed progress per environment on the shared stderr,
 * a line when each ends, and which are still running (and in which stage) for the Ctrl-C message.
 */
final class EstateConsole implements ApplyWatch {
    private final ConsoleProgress console;
    private final int nameWidth;
    private final Map<String, ConsoleProgress> running = new LinkedHashMap<>();

    EstateConsole(ConsoleProgress console, List<String> environments) {
        this.console = console;
        this.nameWidth = environments.stream().mapToInt(String::length).max().orElse(0);
    }

    @Override
    public synchronized Progress started(String environment) {
        ConsoleProgress progress = console.forEnvironment(environment, nameWidth);
        running.put(environment, progress);
        return progress;
    }

    @Override
    public void finished(EstateResult.Entry entry) {
        ConsoleProgress progress;
        synchronized (this) {
            progress = running.remove(entry.environment());
        }
        progress.info("finished: " + EstateView.outcome(entry));
    }

    @Override
    public String running() {
        return "while applying " + stillRunning();
    }

    /** {@code snd1 (flux), tst2 (converge)}: what Ctrl-C interrupts. */
    synchronized String stillRunning() {
        return running.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().currentStage() + ")")
                .collect(Collectors.joining(", "));
    }
}

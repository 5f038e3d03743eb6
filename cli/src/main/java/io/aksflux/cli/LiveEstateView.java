package io.aksflux.cli;

import io.aksflux.base.Progress;
import io.aksflux.base.Ticker;
import io.aksflux.engine.EstateResult;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console of an estate apply on a terminal: one line per environment ({@code snd4  flux  01:12  waiting for ...}),
 * redrawn in place with ANSI cursor movement instead of scrolling hundreds of interleaved lines. Events redraw at most
 * every {@link #FRAME} on the injected clock (an event in between shows with the next one); an environment that finishes
 * always redraws, so the last frame, left on the screen, is every environment's outcome. Lines are cut to the terminal's
 * width, so none wraps and the cursor movement stays right. Each line's text is made inert ({@link Inert}): only this
 * class's own escape sequences reach the terminal. Pipelines and pipes keep {@link EstateConsole}'s plain lines.
 */
final class LiveEstateView implements ApplyWatch {
    static final Duration FRAME = Duration.ofMillis(250);
    private static final String ESC = "\u001B[";

    private final PrintWriter err;
    private final Ticker ticker;
    private final int width;
    private final int nameWidth;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private int drawn;
    private Instant lastDraw;

    /** @param width the terminal's columns */
    LiveEstateView(PrintWriter err, Ticker ticker, int width, List<String> environments) {
        this.err = err;
        this.ticker = ticker;
        this.width = Math.max(20, width);
        this.nameWidth = environments.stream().mapToInt(String::length).max().orElse(0);
        environments.forEach(name -> lines.put(name, new Line(name)));
    }

    @Override
    public Progress started(String environment) {
        synchronized (this) {
            Line line = lines.computeIfAbsent(environment, Line::new);
            line.start = ticker.now();
            line.stage = "start";
            redraw(false);
            return line;
        }
    }

    @Override
    public synchronized void finished(EstateResult.Entry entry) {
        Line line = lines.computeIfAbsent(entry.environment(), Line::new);
        line.end = ticker.now();
        line.stage = EstateView.outcome(entry);
        line.message = entry.failure().map(e -> ErrorRenderer.message(e).lines().findFirst().orElse(""))
                .orElseGet(() -> entry.blockers().stream().map(io.aksflux.error.Blocker::describe).collect(Collectors.joining("; ")));
        redraw(true);
    }

    @Override
    public synchronized String running() {
        return "while applying " + lines.values().stream().filter(l -> l.start != null && l.end == null)
                .map(l -> l.name + " (" + l.stage + ")").collect(Collectors.joining(", "));
    }

    /** The lines as they stand: name, stage (or outcome), time since it started, its last message; cut to the width. */
    synchronized List<String> frame() {
        Instant now = ticker.now();
        List<String> frame = new ArrayList<>();
        for (Line line : lines.values()) {
            String elapsed = line.start == null ? "  -  " : clock(Duration.between(line.start, line.end != null ? line.end : now));
            String text = Inert.line(String.format("%-" + nameWidth + "s  %-13s %s  %s", line.name,
                    line.start == null ? "waiting" : line.stage, elapsed, line.message));
            frame.add(text.length() > width ? text.substring(0, width - 1) + "…" : text);
        }
        return frame;
    }

    private void redraw(boolean always) {
        Instant now = ticker.now();
        if (!always && lastDraw != null && now.isBefore(lastDraw.plus(FRAME))) {
            return;
        }
        lastDraw = now;
        StringBuilder out = new StringBuilder();
        if (drawn > 0) {
            out.append(ESC).append(drawn).append('A'); // back to the frame's first line
        }
        List<String> frame = frame();
        for (int i = 0; i < frame.size(); i++) {
            out.append('\r').append(ESC).append("2K").append(frame.get(i)).append(i < frame.size() - 1 ? "\n" : "");
        }
        InertWriter.command(err, out.toString()); // the line break after the last line leaves the cursor below the frame
        drawn = frame.size();
    }

    private static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return String.format("%02d:%02d", seconds / 60, seconds % 60);
    }

    /** One environment's line, and the progress its apply reports to. */
    private final class Line implements Progress {
        private final String name;
        private Instant start;
        private Instant end;
        private String stage = "waiting";
        private String message = "";

        Line(String name) {
            this.name = name;
        }

        @Override
        public void stage(String stage, String detail) {
            update(stage, detail);
        }

        @Override
        public void info(String message) {
            update(null, message);
        }

        @Override
        public void warn(String message) {
            update(null, "warning: " + message);
        }

        private void update(String newStage, String newMessage) {
            synchronized (LiveEstateView.this) {
                if (end != null) {
                    return; // its outcome stays
                }
                if (newStage != null) {
                    stage = newStage;
                }
                message = newMessage;
                redraw(false);
            }
        }
    }
}

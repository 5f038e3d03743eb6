package io.aksflux.support;

import io.aksflux.base.Progress;

import java.util.ArrayList;
import java.util.List;

/** Keeps every progress line so tests can assert what the user was told. */
public final class RecordingProgress implements Progress {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void stage(String stage, String detail) {
        lines.add("stage " + stage + ": " + detail);
    }

    @Override
    public synchronized void info(String message) {
        lines.add(message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("warning: " + message);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}

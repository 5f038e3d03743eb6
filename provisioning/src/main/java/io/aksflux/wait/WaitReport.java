package io.aksflux.wait;

import io.aksflux.base.DurationText;
import io.aksflux.error.WaitTimedOutException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one environment's wait ended: every target ready, one failed (the wait stops at the first failure), or the
 * deadline passed; each target as last seen. {@code details}: what the cluster says of a failed release (its conditions
 * and events, read through run command when asked for), else empty.
 */
public record WaitReport(String environment, Outcome outcome, List<TargetState> targets, Duration timeout, List<String> details) {
    public WaitReport {
        targets = List.copyOf(targets);
        details = List.copyOf(details);
    }

    public WaitReport(String environment, Outcome outcome, List<TargetState> targets, Duration timeout) {
        this(environment, outcome, targets, timeout, List.of());
    }

    /** In order of severity: an estate's outcome is its worst environment's, so a failure outranks a timeout. */
    public enum Outcome { READY, TIMED_OUT, FAILED }

    /**
     * The failure as the domain's exceptions say it, for the exit code and the error line: {@link ReleaseFailedException}
     * with Flux's message, or {@link WaitTimedOutException} naming every target not done and what it last was; empty when ready.
     */
    public Optional<RuntimeException> failure() {
        return switch (outcome) {
            case READY -> Optional.empty();
            case FAILED -> Optional.of(new ReleaseFailedException(targets.stream().filter(t -> t.state() == TargetState.State.FAILED)
                    .map(t -> t.label() + (t.seen().isEmpty() ? "" : " at " + t.seen()) + " failed: " + t.message())
                    .collect(Collectors.joining("; "))));
            case TIMED_OUT -> Optional.of(new WaitTimedOutException("timed out after " + DurationText.flux(timeout)
                    + " (the wait timeout); not done: " + targets.stream().filter(t -> !t.ready())
                    .map(t -> t.label() + (t.wanted().isEmpty() ? "" : " at " + t.wanted()) + " (last seen: " + t.describe() + ")")
                    .collect(Collectors.joining("; "))));
        };
    }
}

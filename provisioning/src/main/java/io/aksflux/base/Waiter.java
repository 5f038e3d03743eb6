package io.aksflux.base;

import io.aksflux.error.WaitTimedOutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one bounded wait every poll loop uses: polls until done or the deadline, pausing as each poll's
 * {@code Retry-After} says (held between the pacing's floor and cap, the poll interval when ARM is silent), the first
 * poll of an operation after the {@code Retry-After} of the answer that started it, never past the deadline, which is
 * checked with one last poll at the deadline itself. It says once what it waits for and then, every heartbeat of the
 * injected clock, how long it has waited, so a quiet pipeline log never looks hung.
 */
public final class Waiter {
    private final Pacing pacing;
    private final Progress progress;

    public Waiter(Pacing pacing, Progress progress) {
        this.pacing = pacing;
        this.progress = progress;
    }

    /**
     * One poll's answer.
     *
     * @param state      what the awaited thing is doing, for the progress lines and a timeout's message
     * @param retryAfter how long ARM asked to wait before the next poll, when it said
     */
    public record Poll<T>(T value, boolean done, String state, Optional<Duration> retryAfter) {
        public static <T> Poll<T> done(T value) {
            return new Poll<>(value, true, "", Optional.empty());
        }

        public static <T> Poll<T> pending(T value, String state, Optional<Duration> retryAfter) {
            return new Poll<>(value, false, state, retryAfter);
        }
    }

    /** How a wait ended: {@code done}, or the deadline passed with {@code last} the final poll's answer. */
    public record Outcome<T>(Poll<T> last, Duration waited) {
        public boolean done() {
            return last.done();
        }

        public T value() {
            return last.value();
        }
    }

    /** Polls until done or {@code timeout} has passed; never throws for the timeout, the caller decides what it means. */
    public <T> Outcome<T> poll(String what, Duration timeout, Supplier<Poll<T>> poller) {
        return poll(what, timeout, Optional.empty(), poller);
    }

    /**
     * The same, the first poll after {@code firstWait} when given: what the answer that started the operation (a 202)
     * asked for, held between floor and cap. That wait is announced and beats like any other, so it is never silent.
     */
    public <T> Outcome<T> poll(String what, Duration timeout, Optional<Duration> firstWait, Supplier<Poll<T>> poller) {
        Wait wait = new Wait(what, timeout);
        firstWait.ifPresent(first -> {
            wait.announce("Accepted");
            wait.pauseUntil(wait.start.plus(pacing.bounded(first)), "Accepted");
        });
        while (true) {
            Poll<T> poll = poller.get();
            Instant now = pacing.ticker().now();
            if (poll.done() || !now.isBefore(wait.deadline)) {
                return new Outcome<>(poll, Duration.between(wait.start, now));
            }
            wait.announce(poll.state());
            wait.pauseUntil(now.plus(pacing.next(poll.retryAfter())), poll.state());
        }
    }

    /** One wait's clock: when it started, its deadline, whether it said what it waits for, and its next heartbeat. */
    private final class Wait {
        private final String what;
        private final Duration timeout;
        private final Instant start;
        private final Instant deadline;
        private Instant nextBeat;
        private boolean announced;

        Wait(String what, Duration timeout) {
            this.what = what;
            this.timeout = timeout;
            this.start = pacing.ticker().now();
            this.deadline = start.plus(timeout);
            this.nextBeat = start.plus(pacing.heartbeat());
        }

        void announce(String state) {
            if (!announced) {
                progress.waiting("waiting for " + what + (state.isEmpty() ? "" : " (" + state + ")"));
                announced = true;
            }
        }

        /** Pauses until {@code nextPoll} or the deadline, whichever comes first, beating on the way. */
        void pauseUntil(Instant nextPoll, String state) {
            Instant now = pacing.ticker().now();
            while (now.isBefore(nextPoll) && now.isBefore(deadline)) {
                Instant until = earliest(nextPoll, deadline, nextBeat);
                pacing.pause(Duration.between(now, until));
                now = pacing.ticker().now();
                if (!now.isBefore(nextBeat)) {
                    progress.waiting("still waiting for " + what + " (" + (state.isEmpty() ? "" : state + ", ")
                            + human(Duration.between(start, now)) + " of " + human(timeout) + ")");
                    while (!nextBeat.isAfter(now)) {
                        nextBeat = nextBeat.plus(pacing.heartbeat());
                    }
                }
            }
        }
    }

    /** Polls until done; at the deadline throws {@link WaitTimedOutException} naming {@code what} and its last state. */
    public <T> T await(String what, Duration timeout, Supplier<Poll<T>> poller) {
        return await(what, timeout, Optional.empty(), poller);
    }

    /** The same, the first poll after {@code firstWait} when given (see {@link #poll(String, Duration, Optional, Supplier)}). */
    public <T> T await(String what, Duration timeout, Optional<Duration> firstWait, Supplier<Poll<T>> poller) {
        Outcome<T> outcome = poll(what, timeout, firstWait, poller);
        if (!outcome.done()) {
            throw new WaitTimedOutException("timed out after " + human(timeout) + " (the wait timeout) waiting for " + what
                    + (outcome.last().state().isEmpty() ? "" : "; last state: " + outcome.last().state())
                    + "; the operation may still finish in Azure, run apply again to pick it up");
        }
        return outcome.value();
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant min = a.isBefore(b) ? a : b;
        return min.isBefore(c) ? min : c;
    }

    /** 45s, 2m, 1m30s, 1h5m: as wait timeouts are written. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s == 0 && !d.isZero()) {
            return d.toMillis() + "ms";
        }
        return DurationText.flux(Duration.ofSeconds(s));
    }
}

package io.aksflux.cli;

import io.aksflux.engine.EstateResult;
import io.aksflux.engine.EstateWait;
import io.aksflux.environment.Environment;
import io.aksflux.error.AksfluxException;
import io.aksflux.error.Blocker;
import io.aksflux.secret.Redactor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A run of {@code apply} or {@code wait} over an estate as reports render it (the JUnit file, the Azure DevOps summary):
 * one row per environment named, in that order, with every text already redacted. An environment named but without a
 * result (the run was interrupted first) is a row that did not run.
 *
 * @param command {@code aksflux apply}
 * @param started when the command started, on the injected clock; {@code time} how long it ran
 */
record EstateReport(String command, String outcome, Instant started, Duration time, List<Row> rows) {
    EstateReport {
        rows = List.copyOf(rows);
    }

    /** As a test framework would count it: done, not done (failed or timed out), broken unexpectedly, or not run. */
    enum Status { PASSED, FAILED, ERROR, SKIPPED }

    /**
     * One environment.
     *
     * @param group    what the environment is an instance of: its layout ({@code adp})
     * @param outcome  the command's own word ({@code converged}, {@code timed out}, {@code FAILED}, {@code ready}, {@code not run})
     * @param kind     what sort of failure ({@code provisioning}, {@code timeout}, as {@code -o json} names it); empty when passed
     * @param message  the failure's full text, redacted; empty when passed
     * @param blockers the objects that blocked, messages redacted
     */
    record Row(String environment, String group, String outcome, Status status, Duration time, String kind, String message,
               List<Blocker> blockers) {
        Row {
            blockers = List.copyOf(blockers);
        }

        /** What blocked, in one line: the objects and what they said, else the first line of the failure. */
        String blocked() {
            if (!blockers.isEmpty()) {
                return blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "));
            }
            return message.lines().findFirst().orElse("");
        }
    }

    /** This report of a run Ctrl-C ended: outcome {@code INTERRUPTED}, the environments without a result interrupted. */
    EstateReport interrupted() {
        return new EstateReport(command, "INTERRUPTED", started, time, rows.stream().map(r -> r.status() != Status.SKIPPED ? r
                : new Row(r.environment(), r.group(), "interrupted", Status.SKIPPED, r.time(), "", "", List.of())).toList());
    }

    /** The apply of {@code environments}, as far as {@code estate} got. */
    static EstateReport of(String command, Instant started, Instant ended, List<Environment> environments, EstateResult estate) {
        Map<String, EstateResult.Entry> entries = estate.environments().stream()
                .collect(Collectors.toMap(EstateResult.Entry::environment, e -> e, (a, b) -> a));
        return of(command, estate.outcome().name(), started, ended, environments, env -> Optional.ofNullable(entries.get(env.name().name())).map(e ->
                row(e.environment(), env.layout(), EstateView.outcome(e), switch (e.outcome()) {
                    case CONVERGED, APPLIED -> Status.PASSED;
                    case TIMED_OUT, FAILED -> status(e.failure());
                }, e.elapsed(), e.failure(), e.blockers(), "not compliant when the wait timed out")));
    }

    /** The wait over {@code environments}, as far as {@code estate} got. */
    static EstateReport of(String command, Instant started, Instant ended, List<Environment> environments, EstateWait estate) {
        Map<String, EstateWait.Entry> entries = estate.environments().stream()
                .collect(Collectors.toMap(EstateWait.Entry::environment, e -> e, (a, b) -> a));
        return of(command, WaitView.outcome(estate.outcome()), started, ended, environments, env -> Optional.ofNullable(entries.get(env.name().name()))
                .map(e -> row(e.environment(), env.layout(), WaitView.outcome(e.outcome()), switch (e.outcome()) {
                    case READY -> Status.PASSED;
                    case TIMED_OUT, FAILED -> status(e.problem());
                }, e.elapsed(), e.problem(), e.blockers(), "not ready")));
    }

    private static EstateReport of(String command, String outcome, Instant started, Instant ended, List<Environment> environments,
                                   Function<Environment, Optional<Row>> rows) {
        List<Row> all = new ArrayList<>();
        for (Environment env : environments) {
            all.add(rows.apply(env).orElseGet(() ->
                    new Row(env.name().name(), env.layout(), "not run", Status.SKIPPED, Duration.ZERO, "", "", List.of())));
        }
        return new EstateReport(command, outcome, started, Duration.between(started, ended).abs(), all);
    }

    /** A domain failure or a timeout is a failure; anything else broke unexpectedly. */
    private static Status status(Optional<RuntimeException> failure) {
        return failure.isEmpty() || failure.get() instanceof AksfluxException ? Status.FAILED : Status.ERROR;
    }

    /** {@code without}: what a result that did not make it says when it has no exception of its own (a convergence timeout). */
    private static Row row(String environment, String group, String outcome, Status status, Duration time, Optional<RuntimeException> failure,
                           List<Blocker> blockers, String without) {
        Redactor redactor = Redactor.shared();
        List<Blocker> redacted = blockers.stream().map(b -> new Blocker(redactor.redact(b.kind()), redactor.redact(b.name()),
                redactor.redact(b.state()), redactor.redact(b.message()))).toList();
        if (status == Status.PASSED) {
            return new Row(environment, group, outcome, status, time, "", "", redacted);
        }
        String kind = failure.map(ErrorRenderer::kind).orElse("timeout");
        String message = failure.map(ErrorRenderer::message).orElseGet(() -> without + ": "
                + redacted.stream().map(Blocker::describe).collect(Collectors.joining("; ")));
        return new Row(environment, group, outcome, status, time, kind, message, redacted);
    }
}

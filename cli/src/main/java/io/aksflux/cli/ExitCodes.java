package io.aksflux.cli;

import io.aksflux.base.Pacing;
import io.aksflux.engine.EstateResult;

/** The exit codes pipelines branch on, and the one mapping from outcomes and failures to them (documented in the README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** Invalid input, a failed operation, or an apply the user cancelled at the confirmation (nothing changed). */
    public static final int ERROR = 1;
    public static final int CHANGES = 2;
    public static final int TIMED_OUT = 3;
    /** Interrupted (Ctrl-C, SIGINT): 128 + 2, as shells report it. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** An estate's exit code: any failure is an error, else any timeout, else success. */
    static int of(EstateResult.Outcome outcome) {
        return switch (outcome) {
            case FAILED -> ERROR;
            case TIMED_OUT -> TIMED_OUT;
            case CONVERGED, APPLIED -> OK;
        };
    }

    /** One environment's apply: a timeout is 3, converged or applied 0. */
    static int of(io.aksflux.apply.ApplyResult.Outcome outcome) {
        return outcome == io.aksflux.apply.ApplyResult.Outcome.TIMED_OUT ? TIMED_OUT : OK;
    }

    /** A status: an environment that could not be read is an error. */
    static int of(io.aksflux.engine.EstateStatus status) {
        return status.anyFailed() ? ERROR : OK;
    }

    /** A post-deployment wait: any release failed (or an environment unreadable) is an error, else any timeout 3, else 0. */
    static int of(io.aksflux.engine.EstateWait estate) {
        return switch (estate.outcome()) {
            case FAILED -> ERROR;
            case TIMED_OUT -> TIMED_OUT;
            case READY -> OK;
        };
    }

    /** Validation: any problem is an error. */
    static int of(io.aksflux.engine.ValidationReport report) {
        return report.valid() ? OK : ERROR;
    }

    /** A plan or seed: 2 when it has changes and {@code --detailed-exitcode} asks, else 0. */
    static int changes(boolean detailedExitCode, boolean hasChanges) {
        return detailedExitCode && hasChanges ? CHANGES : OK;
    }

    /** A failure's exit code: an interrupted wait is 130, a wait that reached --wait-timeout 3, anything else an error. */
    static int of(Throwable failure) {
        if (failure instanceof io.aksflux.error.WaitTimedOutException) {
            return TIMED_OUT;
        }
        return failure instanceof Pacing.InterruptedWait || failure instanceof InterruptedException ? INTERRUPTED : ERROR;
    }
}

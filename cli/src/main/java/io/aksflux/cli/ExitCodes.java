package io.aksflux.cli;

/** The exit codes pipelines branch on (documented in the README). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CHANGES = 2;
    public static final int TIMED_OUT = 3;

    private ExitCodes() {
    }

    /** An estate's exit code: any failure is an error, else any timeout, else success. */
    static int of(io.aksflux.engine.EstateResult.Outcome outcome) {
        return switch (outcome) {
            case FAILED -> ERROR;
            case TIMED_OUT -> TIMED_OUT;
            case CONVERGED, APPLIED -> OK;
        };
    }
}

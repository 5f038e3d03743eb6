package io.aksflux.cli;

/** The exit codes pipelines branch on (documented in the README). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CHANGES = 2;
    public static final int TIMED_OUT = 3;

    private ExitCodes() {
    }
}

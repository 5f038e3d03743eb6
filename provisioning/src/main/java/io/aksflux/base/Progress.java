package io.aksflux.base;

/** What long work tells the person or pipeline watching it. Console and recording implementations exist. */
public interface Progress {
    /** A stage starts ({@code extension}), or a step within it. */
    void stage(String stage, String detail);

    /** Something worth a line: a decision, a state change, what is being waited for. */
    void info(String message);

    void warn(String message);

    /** What a wait waits for, and its heartbeat while it lasts ({@link Waiter}). */
    default void waiting(String message) {
        info(message);
    }

    /** A seed commit reached a repository (what stays there whatever happens next); consoles remember it for Ctrl-C. */
    default void pushed(String repo, String url, String branch, String commit) {
    }

    /** The seed stage finished (its result stays in Git whatever fails next); consoles keep it for an error report. */
    default void seeded(io.aksflux.change.SeedResult result) {
    }

    Progress SILENT = new Progress() {
        @Override
        public void stage(String stage, String detail) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}

package io.aksflux.cli;

/** The terminal a person answers questions on; absent in pipelines. Tests give answers of their own. */
public interface Terminal {
    boolean present();

    /** A line typed, or null at end of input. */
    String readLine();

    /**
     * Whether progress (stderr) goes to a terminal that can be redrawn in place. Java sees only whether the process has
     * a console (its input and output are a terminal), so that stands for stderr too.
     */
    default boolean redraws() {
        return false;
    }

    /** The process's console ({@link System#console()}). */
    Terminal SYSTEM = new Terminal() {
        @Override
        public boolean present() {
            return System.console() != null;
        }

        @Override
        public String readLine() {
            return System.console() == null ? null : System.console().readLine();
        }

        @Override
        public boolean redraws() {
            return System.console() != null;
        }
    };

    /** No terminal, as in a pipeline. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean present() {
            return false;
        }

        @Override
        public String readLine() {
            return null;
        }
    };
}

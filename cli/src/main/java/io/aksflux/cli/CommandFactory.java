package io.aksflux.cli;

import picocli.CommandLine;

/** Hands every command and mixin the {@link CliContext}, so tests control environment and time. */
final class CommandFactory implements CommandLine.IFactory {
    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K instance = fallback.create(cls);
        if (instance instanceof NeedsContext needs) {
            needs.context(context);
        }
        return instance;
    }

    /** Implemented by options and commands that need the context. */
    interface NeedsContext {
        void context(CliContext context);
    }
}

package io.aksflux.cli;

import picocli.CommandLine;

import java.util.Map;

/** Gives commands the process environment without reading globals, so tests can inject it. */
final class CommandFactory implements CommandLine.IFactory {
    private final Map<String, String> processEnvironment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Map<String, String> processEnvironment) {
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K instance = fallback.create(cls);
        if (instance instanceof EnvironmentOptions options) {
            options.processEnvironment = processEnvironment;
        }
        return instance;
    }
}

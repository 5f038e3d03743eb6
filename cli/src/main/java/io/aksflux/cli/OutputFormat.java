package io.aksflux.cli;

/** How a command renders its result: for people, or one JSON object for pipelines. */
public enum OutputFormat {
    TEXT, JSON
}

package io.aksflux.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code aksflux 0.1.0-SNAPSHOT (commit 389e27e)}: the project version (and commit) Maven wrote into the jar at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = build.getProperty("version", "");
        String commit = build.getProperty("commit", "");
        return new String[]{"aksflux " + (version.isEmpty() || version.startsWith("${") ? "development build" : version)
                + (commit.isEmpty() || commit.startsWith("${") ? "" : " (commit " + commit + ")"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}

package io.aksflux.support;

import io.aksflux.engine.ValidationReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Validation of one new environment file, {@code tst3.yaml}, over the shipped defaults: the rule tests' one setup. */
public final class EnvironmentProblems {
    private EnvironmentProblems() {
    }

    /**
     * Writes {@code file} as {@code tst3.yaml} beside a copy of the shipped {@code defaults.yaml} in {@code environments}
     * and validates it; each problem as "LINE: field: message", a problem of another file as "FILE:LINE: …".
     */
    public static List<String> of(Path environments, String file, Map<String, String> processEnvironment, List<String> overrides)
            throws IOException {
        Files.copy(Workspaces.environments().resolve("defaults.yaml"), environments.resolve("defaults.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(environments.resolve("tst3.yaml"), file);
        ValidationReport report = Workspaces.of(environments, processEnvironment).validate(List.of("tst3"), overrides);
        return report.results().get(0).problems().stream().map(p -> (p.origin().source().endsWith("tst3.yaml") ? ""
                : Path.of(p.origin().source()).getFileName() + ":") + p.origin().line() + ": " + p.field() + ": " + p.message()).toList();
    }
}

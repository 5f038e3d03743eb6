package io.aksflux.support;

import io.aksflux.engine.ValidationReport;
import io.aksflux.engine.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        ValidationReport report = tst3(environments, file.getBytes(StandardCharsets.UTF_8), processEnvironment)
                .validate(List.of("tst3"), overrides);
        return report.results().get(0).problems().stream().map(p -> (p.origin().source().endsWith("tst3.yaml") ? ""
                : Path.of(p.origin().source()).getFileName() + ":") + p.origin().line() + ": " + p.field() + ": " + p.message()).toList();
    }

    /** The workspace of {@code environments} once {@code file} is written there as {@code tst3.yaml} beside the shipped defaults. */
    public static Workspace tst3(Path environments, byte[] file, Map<String, String> processEnvironment) throws IOException {
        Files.copy(Workspaces.environments().resolve("defaults.yaml"), environments.resolve("defaults.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.write(environments.resolve("tst3.yaml"), file);
        return Workspaces.of(environments, processEnvironment);
    }

    /** Every problem of a report as "FILE:LINE: field: message", the file by its name (no line or field where there is none). */
    public static List<String> named(ValidationReport report) {
        return report.results().stream().flatMap(r -> r.problems().stream()).map(p -> {
            String where = Path.of(p.origin().source()).getFileName() + (p.origin().line() > 0 ? ":" + p.origin().line() : "");
            return where + ": " + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message();
        }).toList();
    }
}

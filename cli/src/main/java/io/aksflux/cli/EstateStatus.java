package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.apply.ResourceState;
import io.aksflux.apply.StatusReport;
import io.aksflux.arm.ArmGateway;
import io.aksflux.environment.Environment;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status of several environments, one line each: an environment that cannot be read (a cluster that does not
 * exist) is a row with its error, and the others are still shown. JSON: an array of status reports, with the
 * error object ({@code {"environment", "error": {...}}}) in place of a report that could not be read.
 */
final class EstateStatus {
    private record Row(String environment, Optional<StatusReport> report, Optional<RuntimeException> failure) {
    }

    private final List<Row> rows;

    private EstateStatus(List<Row> rows) {
        this.rows = rows;
    }

    static EstateStatus read(List<Environment> environments, ArmGateway arm) {
        return new EstateStatus(environments.stream().map(env -> {
            try {
                return new Row(env.name().name(), Optional.of(StatusReport.read(env, arm)), Optional.empty());
            } catch (RuntimeException e) { // one unreadable environment hides none of the others
                return new Row(env.name().name(), Optional.empty(), Optional.of(e));
            }
        }).toList());
    }

    int exitCode() {
        return rows.stream().anyMatch(r -> r.failure().isPresent()) ? ExitCodes.ERROR : ExitCodes.OK;
    }

    void render(boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(Json.write(rows.stream().map(EstateStatus::json).toList()));
        } else {
            String row = "  %-11s  %-24s  %-28s  %s%n";
            out.printf(row, "ENVIRONMENT", "EXTENSION", "FLUX CONFIGURATION", "NOT COMPLIANT");
            for (Row r : rows) {
                r.report().ifPresentOrElse(report -> out.printf(row, r.environment(),
                        report.extension().map(e -> e.provisioningState() + (e.version().isEmpty() ? "" : " " + e.version())).orElse("not installed"),
                        report.fluxConfiguration().map(f -> f.provisioningState() + ", " + f.complianceState()).orElse("not created"),
                        report.fluxConfiguration().map(f -> f.statuses().stream().filter(s -> !s.compliant()).map(ResourceState.ObjectStatus::name)
                                .collect(Collectors.joining(", "))).orElse("")),
                        () -> out.printf("  %-11s  ERROR: %s%n", r.environment(), ErrorRenderer.message(r.failure().get()).lines().findFirst().orElse("")));
            }
        }
        out.flush();
        rows.forEach(r -> r.failure().ifPresent(e -> err.println("error: " + r.environment() + ": " + ErrorRenderer.message(e))));
        err.flush();
    }

    private static JsonNode json(Row row) {
        if (row.report().isPresent()) {
            return Json.tree(row.report().get());
        }
        ObjectNode failed = JsonNodeFactory.instance.objectNode().put("environment", row.environment());
        failed.set("error", ErrorRenderer.error(row.failure().get(), ExitCodes.of(row.failure().get())));
        return failed;
    }
}

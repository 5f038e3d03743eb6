package io.aksflux.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.aksflux.engine.ValidationReport;
import io.aksflux.error.Problem;

import java.io.PrintWriter;
import java.util.List;

/** Renders a validation report: FILE:LINE: field: message lines for people, one object for pipelines. */
final class ValidationView {
    private ValidationView() {
    }

    @JsonPropertyOrder({"valid", "environments"})
    record Report(boolean valid, List<Environment> environments) {
    }

    /** {@code warnings}: printed, not invalid (the prune guard's); left out when there are none. */
    @JsonPropertyOrder({"environment", "valid", "problems", "warnings"})
    record Environment(String environment, boolean valid, List<ProblemView> problems,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProblemView> warnings) {
    }

    @JsonPropertyOrder({"file", "line", "field", "message"})
    record ProblemView(String file, int line, String field, String message) {
    }

    static void render(ValidationReport report, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(Json.write(of(report)));
        } else {
            renderText(report, out, err);
        }
    }

    static Report of(ValidationReport report) {
        return new Report(report.valid(), report.results().stream()
                .map(r -> new Environment(r.environment(), r.valid(), r.problems().stream().map(ValidationView::view).toList(),
                        r.warnings().stream().map(ValidationView::view).toList()))
                .toList());
    }

    private static ProblemView view(Problem p) {
        return new ProblemView(p.origin() == null ? null : p.origin().source(), p.origin() == null ? 0 : p.origin().line(),
                p.field(), p.message());
    }

    static void renderText(ValidationReport report, PrintWriter out, PrintWriter err) {
        long invalid = report.results().stream().filter(r -> !r.valid()).count();
        for (ValidationReport.Result result : report.results()) {
            for (Problem problem : result.problems()) {
                out.println(Inert.line(problem.render()));
            }
            for (Problem warning : result.warnings()) {
                out.println("warning: " + Inert.line(warning.render()));
            }
        }
        String summary = report.results().size() + " environment" + (report.results().size() == 1 ? "" : "s") + " checked: "
                + (report.results().size() - invalid) + " valid" + (invalid > 0 ? ", " + invalid + " with problems" : "");
        if (invalid > 0) {
            report.results().stream().filter(r -> !r.valid()).map(r -> "  " + r.environment() + ": " + r.problems().size()
                    + " problem" + (r.problems().size() == 1 ? "" : "s")).forEach(err::println);
        }
        err.println(summary);
        out.flush();
        err.flush();
    }
}

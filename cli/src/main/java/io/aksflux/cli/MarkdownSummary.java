package io.aksflux.cli;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An estate's run as the Markdown summary Azure DevOps shows on the run's page ({@code ##vso[task.uploadsummary]}): a
 * heading with the outcome and the counts, then a table, one row per environment: environment, outcome, time, what
 * blocked. Cells are one line each, with the characters that would end a cell or start markup made plain.
 */
final class MarkdownSummary {
    private MarkdownSummary() {
    }

    static String render(EstateReport report) {
        Map<String, Long> counts = report.rows().stream()
                .collect(Collectors.groupingBy(EstateReport.Row::outcome, TreeMap::new, Collectors.counting()));
        StringBuilder md = new StringBuilder();
        md.append("### ").append(cell(report.command())).append(": ").append(cell(report.outcome())).append(" (")
                .append(counts.entrySet().stream().map(c -> c.getValue() + " " + cell(c.getKey())).collect(Collectors.joining(", ")))
                .append(")\n\n");
        md.append("| Environment | Outcome | Time | What blocked |\n");
        md.append("|---|---|---:|---|\n");
        for (EstateReport.Row row : report.rows()) {
            md.append("| ").append(cell(row.environment())).append(" | ").append(cell(row.outcome())).append(" | ")
                    .append(time(row.time())).append(" | ").append(cell(row.blocked())).append(" |\n");
        }
        return md.toString();
    }

    /**
     * One table cell: a line break would end the row and {@code |} the cell, so they become a space and {@code \|};
     * a backslash is doubled so that escape stays the only one; {@code < >} become entities (no HTML from a message);
     * control characters become visible escapes ({@link Inert}).
     */
    static String cell(String text) {
        String oneLine = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return Inert.line(oneLine).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code 4m02s}, as the console's summary shows it. */
    private static String time(Duration time) {
        return time.toMinutes() + "m" + String.format("%02ds", time.toSecondsPart());
    }
}

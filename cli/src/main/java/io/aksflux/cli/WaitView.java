package io.aksflux.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.base.Progress;
import io.aksflux.engine.EstateWait;
import io.aksflux.secret.Redactor;
import io.aksflux.wait.TargetState;
import io.aksflux.wait.WaitReport;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code wait} shows. Text on stdout: one line per environment and target ({@code ENVIRONMENT KIND NAME WANTED SEEN
 * STATE MESSAGE}), an environment that could not be read one line with its error; each problem also on stderr as
 * {@code error: ENV: message}. JSON, one object on stdout:
 * <pre>{"outcome": "ready|failed|timed-out", "environments": [{"environment": "snd4", "outcome": "...",
 *   "targets": [{"kind": "HelmRelease", "namespace": "flux-config", "name": "ffc-demo-web", "wanted": "4.32.30",
 *   "seen": "4.32.29", "state": "ready|pending|failed", "ready": false, "message": "..."}],
 *   "error": {"kind", "message", "exitCode"}}]}</pre>
 * with {@code error} only when the environment is not ready, and {@code targets} empty when it could not be read;
 * {@code "details": ["$ kubectl ...", "..."]} beside it when {@code --details} read a failed release in the cluster.
 */
final class WaitView {
    private static final String ROW = "%-11s  %-13s  %-36s  %-12s  %-12s  %-7s  %s%n";

    private WaitView() {
    }

    /** Each environment's progress, under stage {@code wait}; several environments' prefixed with their names. */
    static Function<String, Progress> progress(ConsoleProgress console, List<String> names, boolean single, EstateWait.Request request) {
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        String what = request.targets().stream().map(t -> t.label() + t.wanted().map(w -> " at " + w).orElse(""))
                .collect(Collectors.joining(", "));
        return name -> {
            ConsoleProgress progress = single ? console : console.forEnvironment(name, width);
            progress.stage("wait", what);
            return progress;
        };
    }

    /** Renders the result; returns the exit code. */
    static int render(EstateWait estate, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(Json.write(json(estate)));
        } else {
            out.printf(ROW, "ENVIRONMENT", "KIND", "NAME", "WANTED", "SEEN", "STATE", "MESSAGE");
            for (EstateWait.Entry entry : estate.environments()) {
                entry.report().ifPresentOrElse(report -> report.targets().forEach(t -> out.printf(ROW, entry.environment(),
                                t.target().kind(), Inert.line(name(t)), Inert.line(shorter(t.wanted())), Inert.line(shorter(t.seen())),
                                state(t), Inert.line(t.message()))),
                        () -> out.printf("%-11s  ERROR: %s%n", entry.environment(),
                                Inert.line(ErrorRenderer.message(entry.failure().get()).lines().findFirst().orElse(""))));
            }
        }
        out.flush();
        estate.environments().forEach(e -> e.problem().ifPresent(p -> {
            ErrorRenderer.print(err, "error: " + e.environment() + ": ", ErrorRenderer.message(p));
            e.report().map(WaitReport::details).filter(d -> !d.isEmpty()).ifPresent(details -> {
                err.println("  what the cluster says (run command):");
                details.forEach(line -> err.println("    " + Inert.line(Redactor.shared().redact(line))));
            });
        }));
        err.flush();
        return ExitCodes.of(estate);
    }

    /** The wait as {@code -o json} prints it; also what {@code --report-json} writes. */
    static ObjectNode json(EstateWait estate) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("outcome", outcome(estate.outcome()));
        ArrayNode environments = root.putArray("environments");
        for (EstateWait.Entry entry : estate.environments()) {
            ObjectNode e = environments.addObject().put("environment", entry.environment()).put("outcome", outcome(entry.outcome()));
            ArrayNode targets = e.putArray("targets");
            entry.report().ifPresent(r -> r.targets().forEach(t -> targets.addObject().put("kind", t.target().kind())
                    .put("namespace", t.namespace()).put("name", t.target() instanceof io.aksflux.wait.Target.HelmRelease h ? h.name()
                            : t.target() instanceof io.aksflux.wait.Target.Kustomization k ? k.name() : "")
                    .put("wanted", t.wanted()).put("seen", t.seen()).put("state", state(t)).put("ready", t.ready())
                    .put("message", t.message())));
            entry.problem().ifPresent(p -> e.set("error", ErrorRenderer.error(p, ExitCodes.of(p))));
            entry.report().map(WaitReport::details).filter(d -> !d.isEmpty()).ifPresent(d -> d.forEach(line -> e.withArray("details").add(Redactor.shared().redact(line))));
        }
        return root;
    }

    /** {@code ready}, {@code timed-out}, {@code failed}. */
    static String outcome(WaitReport.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String state(TargetState t) {
        return t.state().name().toLowerCase(Locale.ROOT);
    }

    private static String name(TargetState t) {
        return t.label().substring(t.target().kind().length() + 1);
    }

    /** A commit shortened as Git shows it; versions as they are. */
    private static String shorter(String value) {
        return value.length() > 12 && value.matches("[0-9a-f]+") ? value.substring(0, 12) : value;
    }
}

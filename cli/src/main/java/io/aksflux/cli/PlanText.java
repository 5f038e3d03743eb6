package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.change.Plan;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A plan for people: a count line, then the changes grouped by target, each with its action symbol. */
final class PlanText {
    private PlanText() {
    }

    static void render(Plan plan, PrintWriter out) {
        Map<Action, Long> counts = plan.changes().stream().collect(Collectors.groupingBy(Change::action, Collectors.counting()));
        out.printf("Plan for %s: %d to create, %d to update, %d to delete, %d unchanged%n", plan.environment(),
                counts.getOrDefault(Action.CREATE, 0L), counts.getOrDefault(Action.UPDATE, 0L),
                counts.getOrDefault(Action.DELETE, 0L), counts.getOrDefault(Action.NONE, 0L));
        // one section per repository role, in the order the plan first names it (the layout's order of its files)
        for (String repo : plan.changes().stream().filter(Change.Git.class::isInstance).map(c -> ((Change.Git) c).repo()).distinct().toList()) {
            section(out, "Git repository '" + repo + "'", plan, c -> c instanceof Change.Git g && g.repo().equals(repo),
                    c -> ((Change.Git) c).path());
        }
        section(out, "Cluster objects", plan, c -> c instanceof Change.Cluster, c -> {
            Change.Cluster k = (Change.Cluster) c;
            return k.kind() + " " + k.namespace() + "/" + k.name() + " (value read at apply time, never shown)";
        });
        for (Change change : plan.changes()) {
            if (change instanceof Change.Arm arm) {
                out.println();
                out.printf("%s %s  api-version %s%n", symbol(arm.action()), arm.type(), arm.apiVersion());
                out.println("    " + Inert.line(arm.id()));
                if (arm.action() == Action.CREATE) {
                    flatten("", arm.body(), out);
                }
                arm.diff().forEach(d -> out.println("      " + Inert.line(d.path() + ": " + (d.before() == null ? "(absent)" : d.before())
                        + " -> " + (d.after() == null ? "(removed)" : d.after()))));
            }
        }
        out.println();
        out.flush();
    }

    private static void section(PrintWriter out, String title, Plan plan, java.util.function.Predicate<Change> filter,
                                Function<Change, String> label) {
        List<Change> changes = plan.changes().stream().filter(filter).toList();
        if (changes.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        for (Change c : changes) {
            if (c instanceof Change.Git git && git.drifted()) {
                out.println("  ! " + Inert.line(label.apply(c)) + "  differs from the template; left as it is (drift)");
                SeedText.driftDiff(git, out);
            } else {
                out.println("  " + symbol(c.action()) + " " + Inert.line(label.apply(c)));
            }
        }
    }

    private static void flatten(String prefix, JsonNode node, PrintWriter out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else {
            out.println("      " + Inert.line(prefix + " = " + node));
        }
    }

    static String symbol(Action action) {
        return switch (action) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
            case NONE -> "=";
        };
    }
}

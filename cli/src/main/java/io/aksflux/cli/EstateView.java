package io.aksflux.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.apply.ApplyResult;
import io.aksflux.engine.EstateResult;
import io.aksflux.change.SeedResult;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The final word of an apply of several environments: a summary table for people, one JSON object for pipelines
 * ({@code {"environments": [...], "outcome": ...}}, each entry the single-environment result, or
 * {@code {"environment", "outcome": "FAILED", "error": {kind, message, exitCode}, "seed": <seed result or null>}}, with its
 * {@code elapsedSeconds}).
 */
final class EstateView {
    private EstateView() {
    }

    static void render(EstateResult estate, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(Json.write(json(estate)));
        } else {
            table(estate, out);
        }
        out.flush();
        estate.environments().forEach(entry -> entry.failure().ifPresent(e ->
                ErrorRenderer.print(err, "error: " + entry.environment() + ": ", ErrorRenderer.message(e))));
        err.flush();
    }

    /** {@code converged}, {@code applied}, {@code timed out} or {@code FAILED}: one environment's outcome in a word. */
    static String outcome(EstateResult.Entry entry) {
        return switch (entry.outcome()) {
            case CONVERGED -> "converged";
            case APPLIED -> "applied";
            case TIMED_OUT -> "timed out";
            case FAILED -> "FAILED";
        };
    }

    private static void table(EstateResult estate, PrintWriter out) {
        if (estate.environments().isEmpty()) { // an empty shard: its line on stderr said why
            out.println("apply of no environment: nothing to do");
            return;
        }
        Map<String, Long> counts = estate.environments().stream()
                .collect(Collectors.groupingBy(EstateView::outcome, TreeMap::new, Collectors.counting()));
        out.println("apply of " + estate.environments().size() + " environments: " + estate.outcome().name().toLowerCase().replace('_', ' ')
                + " (" + counts.entrySet().stream().map(c -> c.getValue() + " " + c.getKey()).collect(Collectors.joining(", ")) + ")");
        int width = Math.max("ENVIRONMENT".length(), estate.environments().stream().mapToInt(e -> e.environment().length()).max().orElse(0));
        int stages = Math.max("STAGES CHANGED".length(), estate.environments().stream()
                .mapToInt(e -> changedStages(e).length()).max().orElse(0));
        String row = "  %-" + width + "s  %-9s  %7s  %-" + stages + "s  %s%n";
        out.printf(row, "ENVIRONMENT", "OUTCOME", "ELAPSED", "STAGES CHANGED", "DETAIL");
        for (EstateResult.Entry entry : estate.environments()) {
            out.printf(row, entry.environment(), outcome(entry), elapsed(entry.elapsed()),
                    changedStages(entry), detail(entry)).flush();
        }
    }

    /** The stages that wrote; for a failed environment, the seed when it pushed before the failure. */
    private static String changedStages(EstateResult.Entry entry) {
        return entry.result().map(EstateView::changedStages)
                .orElseGet(() -> entry.seed().filter(s -> !pushed(s).isEmpty()).map(s -> "seed").orElse("-"));
    }

    /** {@code core 3f1c2a9b0d4e, services 9a0e...}: the commits a seed pushed ("" when none). */
    private static String pushed(SeedResult seed) {
        return seed.repos().stream().filter(SeedResult.Repo::pushed)
                .map(r -> r.repo() + " " + r.commit().substring(0, Math.min(12, r.commit().length()))).collect(Collectors.joining(", "));
    }

    private static String changedStages(ApplyResult result) {
        String changed = result.stages().stream().filter(s -> s.status().equals("changed")).map(ApplyResult.StageResult::stage)
                .collect(Collectors.joining(","));
        return changed.isEmpty() ? "none" : changed;
    }

    /** Why it did not converge: the objects still not compliant, or the first line of the error (in full on stderr). */
    private static String detail(EstateResult.Entry entry) {
        if (entry.failure().isPresent()) {
            String seeded = entry.seed().map(EstateView::pushed).filter(p -> !p.isEmpty()).map(p -> "seed pushed " + p + "; then: ").orElse("");
            return seeded + ErrorRenderer.message(entry.failure().get()).lines().findFirst().orElse("");
        }
        return entry.result().get().blocking().stream()
                .map(b -> b.kind() + " " + b.name() + " " + b.complianceState()).collect(Collectors.joining("; "));
    }

    private static String elapsed(Duration elapsed) {
        return elapsed.toMinutes() + "m" + String.format("%02ds", elapsed.toSecondsPart());
    }

    /** The estate as {@code -o json} prints it; also what {@code --report-json} writes. */
    static ObjectNode json(EstateResult estate) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode environments = root.putArray("environments");
        for (EstateResult.Entry entry : estate.environments()) {
            ObjectNode node = entry.result().map(Json::tree).orElseGet(() -> {
                ObjectNode failed = JsonNodeFactory.instance.objectNode().put("environment", entry.environment()).put("outcome", "FAILED");
                failed.set("error", ErrorRenderer.error(entry.failure().get(), ExitCodes.of(entry.failure().get())));
                failed.set("seed", entry.seed().<com.fasterxml.jackson.databind.JsonNode>map(Json::tree).orElse(JsonNodeFactory.instance.nullNode()));
                return failed;
            });
            environments.add(node.put("elapsedSeconds", entry.elapsed().toSeconds()));
        }
        root.put("outcome", estate.outcome().name());
        return root;
    }
}

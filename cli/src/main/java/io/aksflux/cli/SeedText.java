package io.aksflux.cli;

import io.aksflux.change.SeedResult;
import io.aksflux.change.Change;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.seed.EstateSeeder;

import java.io.PrintWriter;
import java.util.List;

/** The seed result for a person: per repository its files with their action, drift, and what was pushed; or as JSON. */
final class SeedText {
    private SeedText() {
    }

    /** The seed result as one JSON object, or for a person. */
    static void render(SeedResult result, boolean json, PrintWriter out) {
        if (json) {
            out.println(Json.write(result));
        } else {
            render(result, out);
        }
    }

    /**
     * An estate's seed: each environment's result (or its error, also on stderr), as text or one JSON object
     * {@code {"environments": [...], "outcome": ...}}. Returns the exit code: 1 when one failed, else as one seed's.
     */
    static int render(List<EstateSeeder.Outcome> outcomes, boolean json, boolean detailedExitCode, PrintWriter out, PrintWriter err) {
        long failed = outcomes.stream().filter(o -> o.failure().isPresent()).count();
        if (json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode environments = root.putArray("environments");
            outcomes.forEach(o -> environments.add(o.result().map(Json::tree).orElseGet(() -> {
                ObjectNode node = JsonNodeFactory.instance.objectNode().put("environment", o.environment());
                node.set("error", ErrorRenderer.error(o.failure().get(), ExitCodes.of(o.failure().get())));
                return node;
            })));
            out.println(Json.write(root.put("outcome", failed > 0 ? "FAILED" : "SEEDED")));
        } else {
            out.println("seed of " + outcomes.size() + " environments: " + (failed > 0 ? failed + " FAILED, " : "")
                    + (outcomes.size() - failed) + " seeded");
            outcomes.forEach(o -> o.result().ifPresent(r -> {
                out.println();
                render(r, out);
            }));
        }
        out.flush();
        outcomes.forEach(o -> o.failure().ifPresent(e -> ErrorRenderer.print(err, "error: " + o.environment() + ": ", ErrorRenderer.message(e))));
        err.flush();
        return failed > 0 ? ExitCodes.ERROR
                : ExitCodes.changes(detailedExitCode, outcomes.stream().anyMatch(o -> o.result().orElseThrow().hasChanges()));
    }

    static void render(SeedResult result, PrintWriter out) {
        out.println("Seed " + Inert.line(result.environment()) + (result.dryRun() ? " (dry run: nothing written)" : ""));
        for (SeedResult.Repo repo : result.repos()) {
            out.println();
            out.println(Inert.line("Git repository '" + repo.repo() + "' " + repo.url() + " branch " + repo.branch()));
            for (Change.Git change : repo.changes()) {
                out.println("  " + Inert.line(line(change)));
                driftDiff(change, out);
            }
            out.println("  " + Inert.line(repo.commit() != null ? "committed " + repo.commit() + (repo.pushed() ? " and pushed to " + repo.branch() : "")
                    : repo.writes().isEmpty() ? "up to date: nothing to commit"
                    : "would commit " + repo.writes().size() + " file(s)"));
        }
    }

    /** The unified diff of a drifted file (repository → template), indented under its {@code !} line. */
    static void driftDiff(Change.Git change, PrintWriter out) {
        if (change.drifted() && change.diff() != null) {
            change.diff().lines().forEach(l -> out.println("      " + Inert.line(l)));
        }
    }

    private static String line(Change.Git change) {
        if (change.drifted()) {
            return "! " + change.path() + "  differs from the template; left as it is (drift)";
        }
        return switch (change.action()) {
            case CREATE -> "+ " + change.path();
            case UPDATE -> "~ " + change.path() + "  resources added";
            default -> "= " + change.path();
        };
    }
}

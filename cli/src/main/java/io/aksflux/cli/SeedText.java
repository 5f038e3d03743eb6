package io.aksflux.cli;

import io.aksflux.change.SeedResult;
import io.aksflux.change.Change;

import java.io.PrintWriter;

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

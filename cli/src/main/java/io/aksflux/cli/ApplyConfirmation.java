package io.aksflux.cli;

import io.aksflux.apply.Stage;
import io.aksflux.error.UsageException;
import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import io.aksflux.environment.Environment;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Asks before apply, as Terraform does: the plan of every environment first (only the stages that will run), then
 * the question. Nothing to change: says so and does not ask (such an apply writes nothing). Anything but {@code y}
 * cancels ({@link ApplyCancelled}, exit 1). Without a terminal it refuses and names {@code --yes}.
 */
final class ApplyConfirmation {
    private ApplyConfirmation() {
    }

    /**
     * Asks unless {@code --yes}, about {@code environments}: the single form names its cluster, an estate its environments.
     */
    static void unlessYes(ApplyOptions apply, CliContext context, PrintWriter err, List<Environment> environments, boolean single,
                          Function<String, Plan> planFor) {
        if (apply.yes) {
            return;
        }
        List<String> names = environments.stream().map(e -> e.name().name()).toList();
        String what = single ? names.get(0) + " (cluster " + environments.get(0).azure().cluster() + ")"
                : names.size() + " environments (" + String.join(", ", names) + ")";
        confirm(context.terminal(), err, names, what, apply.skipped(), planFor);
    }

    /**
     * @param what    {@code snd4 to cluster SNDADPINFAK1404}, or {@code 3 environments (snd1, snd2, snd3)}
     * @param planFor reads one environment's plan (read only)
     */
    static void confirm(Terminal terminal, PrintWriter err, List<String> environments, String what, Set<Stage> skipped,
                        Function<String, Plan> planFor) {
        if (!terminal.present()) {
            throw new UsageException("no terminal to confirm on; pass --yes to apply " + String.join(", ", environments));
        }
        boolean changes = false;
        for (String environment : environments) {
            Plan plan = withoutSkipped(planFor.apply(environment), skipped);
            PlanText.render(plan, err);
            err.println();
            changes |= plan.hasChanges();
        }
        if (!changes) {
            err.println("No changes: " + String.join(", ", environments) + (environments.size() == 1 ? " is" : " are")
                    + " as desired; applying without asking (nothing will be written, convergence is checked).");
            err.flush();
            return;
        }
        err.print("Apply these changes to " + what + "? Only 'y' applies. [y/N] ");
        err.flush();
        String answer = terminal.readLine();
        if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
            throw new ApplyCancelled();
        }
    }

    /** The changes of the stages that will run: {@code --skip seed} leaves Git alone, and so on. */
    static Plan withoutSkipped(Plan plan, Set<Stage> skipped) {
        return new Plan(plan.environment(), plan.changes().stream().filter(c -> !skipped.contains(stageOf(c))).toList());
    }

    private static Stage stageOf(Change change) {
        if (change instanceof Change.Git) {
            return Stage.SEED;
        }
        if (change instanceof Change.Cluster) {
            return Stage.NOTIFICATIONS;
        }
        return ((Change.Arm) change).type().endsWith("/extensions") ? Stage.EXTENSION : Stage.FLUX;
    }
}

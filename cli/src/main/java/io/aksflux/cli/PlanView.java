package io.aksflux.cli;

import io.aksflux.change.Plan;
import io.aksflux.change.PlanJson;

import java.io.PrintWriter;
import java.util.List;

/** What {@code plan} prints: each plan for people ({@link PlanText}), or JSON: one plan object, or an array of them for several. */
final class PlanView {
    private PlanView() {
    }

    static void render(List<Plan> plans, boolean json, PrintWriter out) {
        if (json) {
            out.println(Inert.json(plans.size() == 1 ? PlanJson.write(plans.get(0)) : PlanJson.write(plans)));
        } else {
            for (Plan plan : plans) {
                PlanText.render(plan, out);
                // the prune guard's warnings (its errors refuse the plan instead)
                plan.warnings().forEach(w -> out.println("warning: " + Inert.line(w)));
                out.flush();
            }
        }
    }
}

package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.ResourceState;

import java.io.PrintWriter;

/** The final word of apply: a stage table for people, one JSON object for pipelines. */
final class ApplyView {
    private ApplyView() {
    }

    static void render(ApplyResult result, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(Json.write(result));
        } else {
            out.println("apply " + Inert.line(result.environment()) + ": " + switch (result.outcome()) {
                case CONVERGED -> "converged";
                case APPLIED -> "applied (not waiting for convergence)";
                case TIMED_OUT -> "timed out waiting for convergence";
            });
            for (ApplyResult.StageResult stage : result.stages()) {
                out.printf("  %-13s %-10s %s%n", stage.stage(), stage.status(), stage.detail());
            }
            out.flush();
        }
        if (!result.blocking().isEmpty()) {
            err.println("not compliant when the wait timed out:");
            for (ResourceState.ObjectStatus blocking : result.blocking()) {
                err.println("  " + Inert.line(blocking.kind() + " " + blocking.name() + ": " + blocking.complianceState()
                        + (blocking.message().isEmpty() ? "" : ": " + blocking.message())));
            }
            err.flush();
        }
    }
}

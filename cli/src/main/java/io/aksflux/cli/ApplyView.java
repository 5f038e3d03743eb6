package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.ResourceState;
import io.aksflux.engine.EstateResult;

import java.io.PrintWriter;

/** The final word of apply: a stage table for people, one JSON object for pipelines. */
final class ApplyView {
    private ApplyView() {
    }

    /**
     * The final word of an apply of {@code estate}: the single form ({@code apply snd4}) as one environment's result, its
     * failure the command's error; else the estate's summary. Returns the exit code.
     */
    static int render(EstateResult estate, boolean single, boolean json, PrintWriter out, PrintWriter err) {
        if (!single) {
            EstateView.render(estate, json, out, err);
            return ExitCodes.of(estate.outcome());
        }
        ApplyResult result = EnvironmentFailure.resultOf(estate.environments().get(0));
        render(result, json, out, err);
        return ExitCodes.of(result.outcome());
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

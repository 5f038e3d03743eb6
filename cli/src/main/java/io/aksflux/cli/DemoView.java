package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.StatusReport;
import io.aksflux.engine.EstateResult;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo's final word for one environment: its apply and then its status, or both in one JSON object {@code {"apply", "status"}}. */
final class DemoView {
    private DemoView() {
    }

    /** The one environment's result; its failure is the demo's error, as it is raised. */
    static ApplyResult resultOf(EstateResult estate) {
        EstateResult.Entry entry = estate.environments().get(0);
        if (entry.failure().isPresent()) {
            throw entry.failure().get();
        }
        return entry.result().orElseThrow();
    }

    static int render(ApplyResult result, StatusReport status, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("apply", result);
            both.put("status", status);
            out.println(Json.write(both));
        } else {
            ApplyView.render(result, false, out, err);
            out.println();
            StatusView.render(status, out);
        }
        return ExitCodes.of(result.outcome());
    }
}

package io.aksflux.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The plan as pipelines read it: one JSON object, {@code {"environment": ..., "changes": [...]}}. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String write(Plan plan) {
        return writeValue(plan);
    }

    /** Several plans: a JSON array of plan objects. */
    public static String write(java.util.List<Plan> plans) {
        return writeValue(plans);
    }

    private static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan is not serialisable", e);
        }
    }
}

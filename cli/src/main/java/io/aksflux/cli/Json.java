package io.aksflux.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.Optional;

/** JSON for pipelines: one indented object per command. An {@code Optional} is its value, or null when empty. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("optional-as-value").addSerializer(new OptionalAsValue()));

    private Json() {
    }

    static String write(Object value) {
        try {
            return Inert.json(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code value} as a JSON tree, to add fields to a result's own shape. */
    static com.fasterxml.jackson.databind.node.ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Jackson refuses {@code Optional} without the jdk8 module; this is all of that module the results need. */
    @SuppressWarnings("rawtypes")
    private static final class OptionalAsValue extends StdSerializer<Optional> {
        OptionalAsValue() {
            super(Optional.class);
        }

        @Override
        public void serialize(Optional value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (value.isPresent()) {
                provider.defaultSerializeValue(value.get(), out);
            } else {
                out.writeNull();
            }
        }
    }
}

package dev.logship.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Pretty JSON for {@code --output json}; only secret-free views are ever written. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** {@code value}'s JSON object with one more field at the end (e.g. plan's waves next to the plan). */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> with(Object value, String field, Object extra) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>(MAPPER.convertValue(value, java.util.Map.class));
        out.put(field, extra);
        return out;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}

package dev.logship.localecs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Small helpers over Jackson trees; request fields are read leniently, responses built explicitly. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** ECS timestamps: epoch seconds as a JSON number, with milliseconds as the fraction. */
    public static BigDecimal epoch(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    public static String required(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null || value.isEmpty()) {
            throw EcsError.invalid(field + " must be specified.");
        }
        return value;
    }

    public static Integer integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asInt();
    }

    public static boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.asBoolean();
    }

    public static List<String> strings(JsonNode body, String field) {
        List<String> out = new ArrayList<>();
        JsonNode node = body.get(field);
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    public static boolean includes(JsonNode body, String option) {
        return strings(body, "include").contains(option);
    }
}

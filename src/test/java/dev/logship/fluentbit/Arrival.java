package dev.logship.fluentbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One log record as a destination received it: where it was addressed ({@code target}: log group
 * and stream, bucket and key, labels, ...), the record, and when it arrived (epoch ms).
 */
record Arrival(Map<String, String> target, JsonNode record, long at) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every arrival in a receivers' JSON lines file, in arrival order (none when it does not exist yet). */
    static List<Arrival> read(Path file) throws IOException {
        List<Arrival> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue; // being written
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                continue; // the last line, half written
            }
            Map<String, String> target = new LinkedHashMap<>();
            node.path("target").fields().forEachRemaining(e -> target.put(e.getKey(), e.getValue().asText()));
            out.add(new Arrival(target, node.path("record"), node.path("at").asLong()));
        }
        return out;
    }

    /** A field of the record (a string), or "" when absent. */
    String field(String name) {
        return record.path(name).asText("");
    }

    /**
     * The container the record came from, wherever the destination keeps it: a record field,
     * a label (Loki takes label keys out of the line), or an attribute (OTLP, whose body is the message).
     */
    String container() {
        for (JsonNode at : List.of(record.path("container"), record.path("attributes").path("container"))) {
            if (at.isTextual()) {
                return at.asText();
            }
        }
        return target.getOrDefault("container", "");
    }

    /** The log line: the record's message, or the OTLP body. */
    String message() {
        return record.has("message") ? field("message") : record.path("body").asText("");
    }
}

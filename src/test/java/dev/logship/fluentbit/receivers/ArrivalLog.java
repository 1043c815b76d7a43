package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * What the receivers saw, as JSON lines the test reads from outside the namespace:
 * {@code arrived/KIND.jsonl} one line per log record accepted ({@code target}: where it was
 * addressed, e.g. log group and stream; {@code record}: the record as the destination stores it;
 * {@code at}: arrival time in epoch ms), {@code calls.jsonl} the control calls (CreateLogGroup,
 * PutRetentionPolicy, ...), and {@code rejected.jsonl} every request refused for breaking the
 * protocol, with the reason (a test expects it empty).
 */
public final class ArrivalLog {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public ArrivalLog(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir.resolve("arrived"));
    }

    public static Path arrivals(Path servicesDir, Destination destination) {
        return servicesDir.resolve("arrived").resolve(destination.kind + ".jsonl");
    }

    public static Path rejections(Path servicesDir) {
        return servicesDir.resolve("arrived").resolve("rejected.jsonl");
    }

    public static Path calls(Path servicesDir) {
        return servicesDir.resolve("arrived").resolve("calls.jsonl");
    }

    void arrived(Destination destination, Map<String, String> target, JsonNode record) {
        ObjectNode line = JSON.createObjectNode();
        line.set("target", JSON.valueToTree(target));
        line.set("record", record);
        line.put("at", System.currentTimeMillis());
        append(dir.resolve(destination.kind + ".jsonl"), line);
    }

    void call(Destination destination, String operation, Map<String, ?> detail) {
        ObjectNode line = JSON.createObjectNode().put("kind", destination.kind).put("operation", operation);
        line.set("detail", JSON.valueToTree(detail));
        append(dir.resolve("calls.jsonl"), line);
    }

    void rejected(Destination destination, int status, String reason) {
        append(dir.resolve("rejected.jsonl"), JSON.createObjectNode().put("kind", destination.kind).put("status", status)
                .put("reason", reason));
    }

    private synchronized void append(Path file, JsonNode line) {
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

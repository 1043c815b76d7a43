package dev.logship.state;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code rollouts.json} and {@code history.json} hold, as JSON: the records written, the
 * mapper (instants as ISO-8601 text) and the read that names where a file is unreadable (its line
 * and column, or a format number this logship does not know).
 */
final class StateFormat {
    static final int FORMAT = 1;
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantFromText()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * rollouts.json as written: a format number first, so a later logship can tell an old file from
     * a corrupt one. {@code history} is only read (files written before history.json existed).
     */
    record RolloutsJson(int format, List<Rollout> rollouts, Map<String, List<RunRecord>> history, Map<String, String> lastHealthyCommits,
            Map<String, String> previousHealthyCommits) {
        static RolloutsJson none() {
            return new RolloutsJson(FORMAT, List.of(), Map.of(), Map.of(), Map.of());
        }
    }

    /** history.json as written. */
    record HistoryJson(int format, Map<String, List<RunRecord>> history) {}

    private StateFormat() {}

    /** The file's content, null when it does not exist. */
    static <T> T parse(Path path, Class<T> type) throws RolloutFile.UnreadableException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException e) {
            throw new RolloutFile.UnreadableException(path + ": cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        try {
            Map<?, ?> head = JSON.readValue(bytes, Map.class);
            Object format = head.get("format");
            if (!Integer.valueOf(FORMAT).equals(format)) {
                throw new RolloutFile.UnreadableException(path + ":1: field format: expected " + FORMAT + ", found " + format
                        + " (written by another version of logship)", null);
            }
            return JSON.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? path.toString() : path + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new RolloutFile.UnreadableException(where + ": " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RolloutFile.UnreadableException(path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static final class InstantFromText extends StdDeserializer<Instant> {
        InstantFromText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (java.time.format.DateTimeParseException e) {
                return (Instant) ctx.handleWeirdStringValue(Instant.class, p.getValueAsString(), "expected an ISO-8601 instant");
            }
        }
    }
}

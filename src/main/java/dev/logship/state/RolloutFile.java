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
import dev.logship.reconcile.RolloutStore;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollout state and history as one JSON file, {@code <data-dir>/rollouts.json}. logship has no
 * database and the data directory already holds the Git mirror, so the state sits next to it:
 * one writer (serve), readers that only read ({@code logship history}). Each save writes a
 * temporary file in the same directory, forces it to disk and moves it over the old one, so a
 * crash leaves either the old or the new file, never half of one. A file that cannot be read
 * (corrupt, or written by a format this logship does not know) is reported with its line and
 * column, kept aside as {@code rollouts.json.unreadable-<time>}, and serve starts with no state.
 */
public final class RolloutFile implements RolloutStore {
    public static final String NAME = "rollouts.json";
    static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(RolloutFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantFromText()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file as written: a format number first, so a later logship can tell an old file from a corrupt one. */
    record Format(int format, List<Rollout> rollouts, Map<String, List<RunRecord>> history, Map<String, String> lastHealthyCommits) {}

    /** Why the file could not be read, with where in it. */
    public static final class UnreadableException extends Exception {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path file;

    public RolloutFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** Reads the file; empty state when there is none yet. */
    public SavedRollouts read() throws UnreadableException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return SavedRollouts.empty();
        } catch (IOException e) {
            throw new UnreadableException(file + ": cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        try {
            Map<?, ?> head = JSON.readValue(bytes, Map.class);
            Object format = head.get("format");
            if (!Integer.valueOf(FORMAT).equals(format)) {
                throw new UnreadableException(file + ":1: field format: expected " + FORMAT + ", found " + format
                        + " (written by another version of logship)", null);
            }
            Format read = JSON.readValue(bytes, Format.class);
            return new SavedRollouts(read.rollouts(), read.history(), read.lastHealthyCommits());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new UnreadableException(where + ": " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableException(file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Serve's read: an unreadable file is logged, moved aside and read as no state; the process carries on. */
    @Override
    public SavedRollouts load() {
        try {
            return read();
        } catch (UnreadableException e) {
            Path aside = file.resolveSibling(NAME + ".unreadable-" + System.currentTimeMillis());
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                aside = file; // it will be overwritten by the next save
            }
            LOG.error("rollout state not restored: {}; starting with no rollout state and no rollout history (the file is kept as {})",
                    e.getMessage(), aside);
            return SavedRollouts.empty();
        }
    }

    /** Writes the whole state atomically; a failed write is logged (the state stays in memory) and retried by the next save. */
    @Override
    public void save(SavedRollouts state) {
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = JSON.writeValueAsBytes(new Format(FORMAT, state.rollouts(), state.history(), state.lastHealthyCommits()));
            temporary = Files.createTempFile(file.getParent(), NAME, ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(bytes));
                out.force(true);
            }
            move(temporary, file);
            temporary = null;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot save rollout state to {}: {} {}", file, e.getClass().getSimpleName(), e.getMessage());
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless: the next save writes another
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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

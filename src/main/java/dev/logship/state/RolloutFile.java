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
 * Rollout state and history as two JSON files in the data directory: {@code rollouts.json} (the
 * rollouts in force and each cluster's last Healthy commit, small: 350 KB at 1,000 clusters) and
 * {@code history.json} (each cluster's last runs: 8 MB at 1,000 clusters x 20 runs, 250 ms a
 * write). logship has no database and the data directory already holds the Git mirror, so the
 * state sits next to it: one writer (serve), readers that only read ({@code logship history}).
 * {@link #save} writes rollouts.json before it returns; everything else, and history.json always,
 * goes to one background writer that coalesces saves and writes the latest. Each write goes to a
 * temporary file in the same directory, forced to disk and moved over the old one, so a crash
 * leaves the old or the new file, never half of one. A file that cannot be read (corrupt, or of a
 * format this logship does not know) is reported with its line and column, kept aside as
 * {@code <name>.unreadable-<millis>}, and serve starts without that part.
 */
public final class RolloutFile implements RolloutStore {
    public static final String NAME = "rollouts.json";
    public static final String HISTORY = "history.json";
    static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(RolloutFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantFromText()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * rollouts.json as written: a format number first, so a later logship can tell an old file from
     * a corrupt one. {@code history} is only read (files written before history.json existed).
     */
    record Format(int format, List<Rollout> rollouts, Map<String, List<RunRecord>> history, Map<String, String> lastHealthyCommits,
            Map<String, String> previousHealthyCommits) {}

    /** history.json as written. */
    record HistoryFormat(int format, Map<String, List<RunRecord>> history) {}

    /** Why the file could not be read, with where in it. */
    public static final class UnreadableException extends Exception {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path file;
    private final Path historyFile;
    /** The latest state handed in and the callbacks waiting for it to be durable; guarded by {@code this}. */
    private SavedRollouts latest;
    private final List<Runnable> afterDurable = new java.util.ArrayList<>();
    /**
     * Held while writing and running callbacks (never while a caller hands a state in, so a
     * decision never waits for the disk). Guards what is on disk.
     */
    private final Object writeLock = new Object();
    private Format writtenRollouts;
    private Map<String, List<RunRecord>> writtenHistory;
    /** rollouts.json writes done (tests and the benchmark count them). */
    private final java.util.concurrent.atomic.AtomicLong rolloutWrites = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean flushQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rollout-state-writer");
        t.setDaemon(true);
        return t;
    });

    public RolloutFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
        this.historyFile = dataDir.resolve(HISTORY);
    }

    public Path path() {
        return file;
    }

    public Path historyPath() {
        return historyFile;
    }

    /** How many times rollouts.json was written (an unchanged state is not written again). */
    public long rolloutWrites() {
        return rolloutWrites.get();
    }

    /** Reads both files; empty state when there is none yet. */
    public SavedRollouts read() throws UnreadableException {
        Format rollouts = readRollouts();
        Map<String, List<RunRecord>> history = readHistory();
        return new SavedRollouts(rollouts.rollouts(), history != null ? history : rollouts.history(), rollouts.lastHealthyCommits(), rollouts.previousHealthyCommits());
    }

    private Format readRollouts() throws UnreadableException {
        Format read = parse(file, Format.class);
        return read == null ? new Format(FORMAT, List.of(), Map.of(), Map.of(), Map.of()) : read;
    }

    /** null when there is no history.json (yet). */
    private Map<String, List<RunRecord>> readHistory() throws UnreadableException {
        HistoryFormat read = parse(historyFile, HistoryFormat.class);
        return read == null ? null : read.history() == null ? Map.of() : read.history();
    }
    /** The file's content, null when it does not exist. */
    private static <T> T parse(Path path, Class<T> type) throws UnreadableException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException e) {
            throw new UnreadableException(path + ": cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        try {
            Map<?, ?> head = JSON.readValue(bytes, Map.class);
            Object format = head.get("format");
            if (!Integer.valueOf(FORMAT).equals(format)) {
                throw new UnreadableException(path + ":1: field format: expected " + FORMAT + ", found " + format
                        + " (written by another version of logship)", null);
            }
            return JSON.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? path.toString() : path + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new UnreadableException(where + ": " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableException(path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Serve's read: an unreadable file is logged, moved aside and read as empty; the process carries on. */
    @Override
    public SavedRollouts load() {
        Format rollouts;
        try {
            rollouts = readRollouts();
        } catch (UnreadableException e) {
            setAside(file, "rollout state not restored", e);
            rollouts = new Format(FORMAT, List.of(), Map.of(), Map.of(), Map.of());
        }
        Map<String, List<RunRecord>> history;
        try {
            history = readHistory();
        } catch (UnreadableException e) {
            setAside(historyFile, "rollout history not restored", e);
            history = Map.of();
        }
        return new SavedRollouts(rollouts.rollouts(), history != null ? history : rollouts.history(), rollouts.lastHealthyCommits(), rollouts.previousHealthyCommits());
    }

    private static void setAside(Path path, String what, UnreadableException e) {
        Path aside = path.resolveSibling(path.getFileName() + ".unreadable-" + System.currentTimeMillis());
        try {
            Files.move(path, aside);
        } catch (IOException moveFailed) {
            aside = path; // it will be overwritten by the next save
        }
        LOG.error("{}: {}; starting without it (the file is kept as {})", what, e.getMessage(), aside);
    }

    /** Writes rollouts.json before returning; history.json follows from the background writer. */
    @Override
    public void save(SavedRollouts state) {
        synchronized (this) {
            latest = state;
        }
        writeLatest(false);
        queueFlush();
    }

    @Override
    public void saveSoon(SavedRollouts state) {
        synchronized (this) {
            latest = state;
        }
        queueFlush();
    }

    /**
     * Group commit: the caller returns at once; the writer takes the newest state and every callback
     * queued so far, writes rollouts.json once and then runs them, so a burst of decisions costs one
     * write and no callback runs before a state containing its decision is on disk.
     */
    @Override
    public void saveThen(SavedRollouts state, Runnable afterDurable) {
        synchronized (this) {
            latest = state;
            this.afterDurable.add(afterDurable);
        }
        queueFlush();
    }

    /** Writes the latest state handed in, both files, and runs the callbacks waiting for it, before returning. */
    @Override
    public void flush() {
        writeLatest(true);
    }

    /**
     * Writes rollouts.json if it changed, runs the callbacks queued up to the state written, then
     * history.json when {@code history} (the writer skips it while more decisions wait: history is
     * 250 ms a write at 1,000 clusters and nothing waits for it).
     */
    private void writeLatest(boolean history) {
        synchronized (writeLock) {
            SavedRollouts state;
            List<Runnable> due;
            synchronized (this) {
                state = latest;
                due = List.copyOf(afterDurable);
                afterDurable.clear();
            }
            if (state == null) {
                return;
            }
            if (!writeRollouts(state)) {
                // not durable: the decisions waiting for it (a start, a rollback) must not act yet, since a
                // restart would not know of them; they run once a later write succeeds (retried below)
                synchronized (this) {
                    afterDurable.addAll(0, due);
                }
                retryLater();
                return;
            }
            for (Runnable r : due) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("a step waiting for the rollout state to be saved failed: {}", e.toString());
                }
            }
            if (history && !state.history().equals(writtenHistory)
                    && write(historyFile, new HistoryFormat(FORMAT, state.history()))) {
                writtenHistory = state.history();
            }
        }
    }

    private void queueFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    flushQueued.set(false);
                    writeLatest(false);
                    boolean waiting;
                    synchronized (this) {
                        waiting = !afterDurable.isEmpty();
                    }
                    // more decisions arrived during that write: serve them first; history.json when the burst is over
                    if (waiting) {
                        queueFlush();
                    } else {
                        writeLatest(true);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushQueued.set(false);
            }
        }
    }

    /** True when rollouts.json holds {@code state} (written now or already). */
    private boolean writeRollouts(SavedRollouts state) {
        Format format = new Format(FORMAT, state.rollouts(), null, state.lastHealthyCommits(), state.previousHealthyCommits());
        if (format.equals(writtenRollouts)) {
            return true;
        }
        if (!write(file, format)) {
            return false;
        }
        writtenRollouts = format;
        rolloutWrites.incrementAndGet();
        return true;
    }

    /** A failed write is tried again after {@link #RETRY_AFTER} on the writer (the disk may come back). */
    private void retryLater() {
        try {
            java.util.concurrent.CompletableFuture.delayedExecutor(RETRY_AFTER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS,
                    writer).execute(() -> writeLatest(false));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // shutting down: what was not written is lost as it would be without the retry
        }
    }

    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(1);

    /** One atomic write; false (logged) when it failed: the state stays in memory and the next save retries. */
    private static boolean write(Path target, Object content) {
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            byte[] bytes = JSON.writeValueAsBytes(content);
            temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(bytes));
                out.force(true);
            }
            move(temporary, target);
            temporary = null;
            syncDirectory(target.getParent()); // the rename itself must survive a power loss, not just the bytes
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot save rollout state to {}: {} {}", target, e.getClass().getSimpleName(), e.getMessage());
            return false;
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

    /** fsync of the directory entry after a rename; a file system that cannot (not POSIX) keeps the rename's own guarantees. */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync directory {}: {}", directory, e.toString());
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

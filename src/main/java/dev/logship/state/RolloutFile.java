package dev.logship.state;

import dev.logship.reconcile.RolloutStore;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * goes to one background writer ({@link StateWriter}) that coalesces saves and writes the latest,
 * each file atomically ({@link AtomicJsonFile}). A file that cannot be read (corrupt, or of a
 * format this logship does not know, see {@link StateFormat}) is reported with its line and column,
 * kept aside as {@code <name>.unreadable-<millis>}, and serve starts without that part.
 */
public final class RolloutFile implements RolloutStore {
    public static final String NAME = "rollouts.json";
    public static final String HISTORY = "history.json";
    static final java.time.Duration RETRY_AFTER = StateWriter.RETRY_AFTER;
    private static final Logger LOG = LoggerFactory.getLogger(RolloutFile.class);

    /** Why the file could not be read, with where in it. */
    public static final class UnreadableException extends Exception {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path file;
    private final Path historyFile;
    private final StateWriter writer;

    public RolloutFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
        this.historyFile = dataDir.resolve(HISTORY);
        this.writer = new StateWriter(file, historyFile);
    }

    public Path path() {
        return file;
    }

    public Path historyPath() {
        return historyFile;
    }

    /** How many times rollouts.json was written (an unchanged state is not written again). */
    public long rolloutWrites() {
        return writer.rolloutWrites();
    }

    /** Reads both files; empty state when there is none yet. */
    public SavedRollouts read() throws UnreadableException {
        StateFormat.RolloutsJson rollouts = readRollouts();
        Map<String, List<RunRecord>> history = readHistory();
        return new SavedRollouts(rollouts.rollouts(), history != null ? history : rollouts.history(), rollouts.lastHealthyCommits(), rollouts.previousHealthyCommits());
    }

    private StateFormat.RolloutsJson readRollouts() throws UnreadableException {
        StateFormat.RolloutsJson read = StateFormat.parse(file, StateFormat.RolloutsJson.class);
        return read == null ? StateFormat.RolloutsJson.none() : read;
    }

    /** null when there is no history.json (yet). */
    private Map<String, List<RunRecord>> readHistory() throws UnreadableException {
        StateFormat.HistoryJson read = StateFormat.parse(historyFile, StateFormat.HistoryJson.class);
        return read == null ? null : read.history() == null ? Map.of() : read.history();
    }

    /** Serve's read: an unreadable file is logged, moved aside and read as empty; the process carries on. */
    @Override
    public SavedRollouts load() {
        StateFormat.RolloutsJson rollouts;
        try {
            rollouts = readRollouts();
        } catch (UnreadableException e) {
            setAside(file, "rollout state not restored", e);
            rollouts = StateFormat.RolloutsJson.none();
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

    static void setAside(Path path, String what, UnreadableException e) {
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
        writer.save(state);
    }

    @Override
    public void saveSoon(SavedRollouts state) {
        writer.saveSoon(state);
    }

    /**
     * Group commit: the caller returns at once; the writer takes the newest state and every callback
     * queued so far, writes rollouts.json once and then runs them, so a burst of decisions costs one
     * write and no callback runs before a state containing its decision is on disk.
     */
    @Override
    public void saveThen(SavedRollouts state, Runnable afterDurable) {
        writer.saveThen(state, afterDurable);
    }

    /** Writes the latest state handed in, both files, and runs the callbacks waiting for it, before returning. */
    @Override
    public void flush() {
        writer.flush();
    }
}

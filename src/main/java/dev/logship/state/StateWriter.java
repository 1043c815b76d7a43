package dev.logship.state;

import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the rollout state files, a group commit: callers hand in the newest state
 * (and what must wait until it is durable) and return at once; one background thread writes
 * rollouts.json once for a burst, then runs the callbacks queued up to it, and history.json when the
 * burst is over (250 ms a write at 1,000 clusters, and nothing waits for it). An unchanged state is
 * not written again; a failed write keeps its callbacks waiting and is retried.
 */
final class StateWriter {
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RolloutFile.class); // the state files' one logger, as before

    private final Path file;
    private final Path historyFile;
    /** The latest state handed in and the callbacks waiting for it to be durable; guarded by {@code this}. */
    private SavedRollouts latest;
    private final List<Runnable> afterDurable = new ArrayList<>();
    /**
     * Held while writing and running callbacks (never while a caller hands a state in, so a
     * decision never waits for the disk). Guards what is on disk.
     */
    private final Object writeLock = new Object();
    private StateFormat.RolloutsJson writtenRollouts;
    private Map<String, List<RunRecord>> writtenHistory;
    /** rollouts.json writes done (tests and the benchmark count them). */
    private final AtomicLong rolloutWrites = new AtomicLong();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rollout-state-writer");
        t.setDaemon(true);
        return t;
    });

    StateWriter(Path file, Path historyFile) {
        this.file = file;
        this.historyFile = historyFile;
    }

    long rolloutWrites() {
        return rolloutWrites.get();
    }

    /** Writes rollouts.json before returning; history.json follows from the background writer. */
    void save(SavedRollouts state) {
        synchronized (this) {
            latest = state;
        }
        writeLatest(false);
        queueFlush();
    }

    void saveSoon(SavedRollouts state) {
        synchronized (this) {
            latest = state;
        }
        queueFlush();
    }

    /** Hands in {@code state}; {@code afterDurable} runs once a state containing it is on disk. */
    void saveThen(SavedRollouts state, Runnable afterDurable) {
        synchronized (this) {
            latest = state;
            this.afterDurable.add(afterDurable);
        }
        queueFlush();
    }

    /** Writes the latest state handed in, both files, and runs the callbacks waiting for it, before returning. */
    void flush() {
        writeLatest(true);
    }

    /**
     * Writes rollouts.json if it changed, runs the callbacks queued up to the state written, then
     * history.json when {@code history} (the writer skips it while more decisions wait).
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
                    && AtomicJsonFile.write(historyFile, new StateFormat.HistoryJson(StateFormat.FORMAT, state.history()))) {
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
            } catch (RejectedExecutionException e) {
                flushQueued.set(false);
            }
        }
    }

    /** True when rollouts.json holds {@code state} (written now or already). */
    private boolean writeRollouts(SavedRollouts state) {
        StateFormat.RolloutsJson format = new StateFormat.RolloutsJson(StateFormat.FORMAT, state.rollouts(), null,
                state.lastHealthyCommits(), state.previousHealthyCommits());
        if (format.equals(writtenRollouts)) {
            return true;
        }
        if (!AtomicJsonFile.write(file, format)) {
            return false;
        }
        writtenRollouts = format;
        rolloutWrites.incrementAndGet();
        return true;
    }

    /** A failed write is tried again after {@link #RETRY_AFTER} on the writer (the disk may come back). */
    private void retryLater() {
        try {
            CompletableFuture.delayedExecutor(RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS, writer).execute(() -> writeLatest(false));
        } catch (RejectedExecutionException closing) {
            // shutting down: what was not written is lost as it would be without the retry
        }
    }
}

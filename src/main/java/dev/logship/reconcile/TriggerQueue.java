package dev.logship.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Single-flight runs per key (a cluster name, the source). Triggers only say "run soon": while a
 * key runs, any number of triggers collapse into one pending run, which starts when the current
 * one ends (after the key's backoff if it failed). A trigger may announce what it is about (the
 * commit a webhook says was pushed): when the key's last run has already seen it (the fetch found
 * that commit), the trigger is answered and dropped, also when it arrived while that run was in
 * flight; otherwise it starts the next run at once. Triggers that announce nothing keep a minimum
 * interval between run starts. Keys run in parallel on at most {@code maxParallel} threads. All
 * state changes happen under {@code this}' monitor; runs happen outside it.
 */
public final class TriggerQueue implements AutoCloseable {
    /** The work for one key; the reasons are the distinct triggers gathered since the last run. */
    @FunctionalInterface
    public interface Runner {
        RunResult run(String key, List<String> reasons) throws Exception;
    }

    /**
     * SUCCESS resets the key's backoff. FAILURE counts a failure: the next run waits out the
     * backoff, but only a new trigger starts it (e.g. a stalled commit waits for a new one).
     * RETRY counts a failure and also schedules a run after the backoff (transient errors).
     */
    public enum RunResult { SUCCESS, FAILURE, RETRY }

    static final String RETRY_REASON = "retry after failure";

    /** Bounds the reasons kept per pending run, so a flood of distinct reasons cannot grow memory. */
    static final int MAX_REASONS = PendingTriggers.MAX_KEPT;


    private final Runner runner;
    private final Function<String, String> seenBy;
    private final Backoff backoff;
    private final long minIntervalNanos;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Map<String, QueuedKey> keys = new HashMap<>();
    private boolean shutdown;

    public TriggerQueue(Runner runner, int maxParallel, Backoff backoff) {
        this(runner, maxParallel, backoff, Duration.ZERO);
    }

    public TriggerQueue(Runner runner, int maxParallel, Backoff backoff, Duration minInterval) {
        this(runner, key -> null, maxParallel, backoff, minInterval);
    }

    /**
     * @param seenBy asked right after each run of a key: what that run saw (the commit a fetch
     *     found), or null. A trigger announcing that value is dropped as answered.
     * @param minInterval the least time between the starts of two runs of one key when only
     *     triggers that announce nothing are pending (timers, generic webhooks): those arriving
     *     after a fast run still collapse into one run. A trigger announcing something not yet
     *     seen never waits for it: coalescing comes from single flight and from dropping what
     *     was seen, so a burst of webhooks for one push costs one fetch, and pushes in quick
     *     succession are each fetched at once.
     */
    public TriggerQueue(Runner runner, Function<String, String> seenBy, int maxParallel, Backoff backoff, Duration minInterval) {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1, got " + maxParallel);
        }
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative, got " + minInterval);
        }
        this.runner = runner;
        this.seenBy = seenBy;
        this.backoff = backoff;
        this.minIntervalNanos = minInterval.toNanos();
        this.pool = Executors.newFixedThreadPool(maxParallel, named("reconcile"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("reconcile-backoff"));
    }

    /** Asks for a run of {@code key}; false once shut down (the trigger is dropped). */
    public boolean trigger(String key, String reason) {
        return trigger(key, reason, null);
    }

    /**
     * Asks for a run of {@code key} because of {@code announced} (a pushed commit id; null for
     * none). With no run in flight, it is dropped as answered when the last run saw it. With a
     * run in flight it waits for that run's answer: the run may or may not have seen it, and it
     * may find the ref moved on (so what the run before saw no longer counts). Returns false once
     * shut down.
     */
    public synchronized boolean trigger(String key, String reason, String announced) {
        if (shutdown) {
            return false;
        }
        QueuedKey state = keys.computeIfAbsent(key, k -> new QueuedKey());
        if (state.running) {
            state.pending.add(reason, announced); // the end of the run in flight decides
            return true;
        }
        if (announced != null && announced.equals(state.seen)) {
            return true; // the latest run saw it and none is in flight: nothing new for another run to find
        }
        boolean waitedForInterval = state.scheduled && !state.submitted && state.pending.mayWait();
        state.pending.add(reason, announced);
        if (!state.scheduled || (waitedForInterval && !state.pending.mayWait())) {
            schedule(key, state); // news also cuts short a wait for the minimum interval
        }
        return true;
    }

    /** Time left before {@code key} may run again after failures, if it is backing off. */
    public synchronized Optional<Duration> backoffRemaining(String key) {
        QueuedKey state = keys.get(key);
        long left = state == null ? 0 : state.backoffUntilNanos - System.nanoTime();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    public synchronized int consecutiveFailures(String key) {
        QueuedKey state = keys.get(key);
        return state == null ? 0 : state.failures;
    }

    /** True when a run of {@code key} is queued or waiting out its backoff. */
    public synchronized boolean hasPending(String key) {
        QueuedKey state = keys.get(key);
        return state != null && (state.scheduled || !state.pending.isEmpty());
    }

    public synchronized boolean isRunning(String key) {
        QueuedKey state = keys.get(key);
        return state != null && state.running;
    }

    /**
     * Stops taking triggers, drops pending runs and waits up to {@code timeout} for runs in
     * flight to finish. Returns true when none is left running.
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        synchronized (this) {
            shutdown = true;
            keys.values().forEach(s -> s.pending.clear());
        }
        timer.shutdownNow();
        pool.shutdown();
        return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(Duration.ofSeconds(30));
    }

    /** Queues the key's next run for when its backoff (and, for triggers that announce nothing, the interval) allow. */
    private void schedule(String key, QueuedKey state) {
        state.scheduled = true;
        long generation = ++state.generation;
        long now = System.nanoTime();
        long notBefore = state.backoffUntilNanos;
        if (state.pending.mayWait() && state.lastStartNanos != 0) {
            long afterInterval = state.lastStartNanos + minIntervalNanos;
            notBefore = afterInterval - notBefore > 0 ? afterInterval : notBefore;
        }
        long delay = notBefore - now;
        if (delay > 0) {
            timer.schedule(() -> submit(key, generation), delay, TimeUnit.NANOSECONDS);
        } else {
            submit(key, generation);
        }
    }

    private synchronized void submit(String key, long generation) {
        QueuedKey state = keys.get(key);
        if (!shutdown && state.scheduled && !state.submitted && state.generation == generation) {
            state.submitted = true;
            pool.execute(() -> runOnce(key));
        }
    }

    private void runOnce(String key) {
        List<String> reasons;
        QueuedKey state;
        synchronized (this) {
            state = keys.get(key);
            state.scheduled = false;
            state.submitted = false;
            if (shutdown) {
                return;
            }
            state.running = true;
            state.lastStartNanos = nonZero(System.nanoTime());
            reasons = state.pending.drain();
        }
        RunResult result = RunResult.FAILURE;
        String seen = null;
        try {
            result = runner.run(key, List.copyOf(reasons));
        } catch (Exception e) {
            // The runner records its own errors in status; an escaped exception is treated as transient.
            result = RunResult.RETRY;
        } finally {
            try {
                seen = seenBy.apply(key);
            } finally {
                finished(key, state, result == null ? RunResult.FAILURE : result, seen);
            }
        }
    }

    private synchronized void finished(String key, QueuedKey state, RunResult result, String seen) {
        state.running = false;
        state.failures = result == RunResult.SUCCESS ? 0 : state.failures + 1;
        state.backoffUntilNanos = System.nanoTime() + backoff.after(state.failures).toNanos();
        if (seen != null && result == RunResult.SUCCESS) {
            state.seen = seen;
            state.pending.seen(seen); // triggers that arrived during the run and announced what it found
        }
        if (!shutdown && result == RunResult.RETRY) {
            state.pending.add(RETRY_REASON, null);
        }
        if (!shutdown && !state.pending.isEmpty()) {
            schedule(key, state);
        }
    }

    /** 0 marks "never started"; a start at exactly nanoTime 0 is moved by a nanosecond. */
    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

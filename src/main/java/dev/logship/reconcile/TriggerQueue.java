package dev.logship.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Single-flight runs per key (a cluster name). Triggers only say "run soon": while a key runs,
 * any number of triggers collapse into one pending run, which starts when the current one ends
 * (after the key's backoff if it failed). Keys run in parallel on at most {@code maxParallel}
 * threads. All state changes happen under {@code this}' monitor; runs happen outside it.
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
    static final int MAX_REASONS = 32;

    private static final class KeyState {
        final Set<String> pending = new LinkedHashSet<>();
        boolean running;
        boolean scheduled;
        int failures;
        long notBeforeNanos = System.nanoTime(); // nanoTime may be negative: never compare against a sentinel
        long lastStartNanos = System.nanoTime();
    }

    private final Runner runner;
    private final Backoff backoff;
    private final long minIntervalNanos;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Map<String, KeyState> keys = new HashMap<>();
    private boolean shutdown;

    public TriggerQueue(Runner runner, int maxParallel, Backoff backoff) {
        this(runner, maxParallel, backoff, Duration.ZERO);
    }

    /**
     * @param minInterval the least time between the starts of two runs of one key: triggers
     *     arriving while a fast run has already finished still collapse into one run (a burst of
     *     webhooks causes at most two runs), at the cost of up to this much latency for the second.
     */
    public TriggerQueue(Runner runner, int maxParallel, Backoff backoff, Duration minInterval) {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1, got " + maxParallel);
        }
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative, got " + minInterval);
        }
        this.runner = runner;
        this.backoff = backoff;
        this.minIntervalNanos = minInterval.toNanos();
        this.pool = Executors.newFixedThreadPool(maxParallel, named("reconcile"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("reconcile-backoff"));
    }

    /** Asks for a run of {@code key}; false once shut down (the trigger is dropped). */
    public synchronized boolean trigger(String key, String reason) {
        if (shutdown) {
            return false;
        }
        KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
        if (state.pending.size() < MAX_REASONS || state.pending.contains(reason)) {
            state.pending.add(reason);
        }
        if (!state.running && !state.scheduled) {
            schedule(key, state);
        }
        return true;
    }

    /** Time left before {@code key} may run again after failures, if it is backing off. */
    public synchronized Optional<Duration> backoffRemaining(String key) {
        KeyState state = keys.get(key);
        long left = state == null ? 0 : state.notBeforeNanos - System.nanoTime();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    public synchronized int consecutiveFailures(String key) {
        KeyState state = keys.get(key);
        return state == null ? 0 : state.failures;
    }

    /** True when a run of {@code key} is queued or waiting out its backoff. */
    public synchronized boolean hasPending(String key) {
        KeyState state = keys.get(key);
        return state != null && (state.scheduled || !state.pending.isEmpty());
    }

    public synchronized boolean isRunning(String key) {
        KeyState state = keys.get(key);
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

    private void schedule(String key, KeyState state) {
        state.scheduled = true;
        long delay = state.notBeforeNanos - System.nanoTime();
        if (delay > 0) {
            timer.schedule(() -> submit(key), delay, TimeUnit.NANOSECONDS);
        } else {
            submit(key);
        }
    }

    private synchronized void submit(String key) {
        if (!shutdown) {
            pool.execute(() -> runOnce(key));
        }
    }

    private void runOnce(String key) {
        List<String> reasons;
        KeyState state;
        synchronized (this) {
            state = keys.get(key);
            state.scheduled = false;
            if (shutdown) {
                return;
            }
            state.running = true;
            state.lastStartNanos = System.nanoTime();
            reasons = new ArrayList<>(state.pending);
            state.pending.clear();
        }
        RunResult result = RunResult.FAILURE;
        try {
            result = runner.run(key, List.copyOf(reasons));
        } catch (Exception e) {
            // The runner records its own errors in status; an escaped exception is treated as transient.
            result = RunResult.RETRY;
        } finally {
            finished(key, state, result == null ? RunResult.FAILURE : result);
        }
    }

    private synchronized void finished(String key, KeyState state, RunResult result) {
        state.running = false;
        state.failures = result == RunResult.SUCCESS ? 0 : state.failures + 1;
        long afterBackoff = System.nanoTime() + backoff.after(state.failures).toNanos();
        long afterInterval = state.lastStartNanos + minIntervalNanos;
        state.notBeforeNanos = afterBackoff - afterInterval > 0 ? afterBackoff : afterInterval;
        if (!shutdown && result == RunResult.RETRY) {
            state.pending.add(RETRY_REASON);
        }
        if (!shutdown && !state.pending.isEmpty()) {
            schedule(key, state);
        }
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

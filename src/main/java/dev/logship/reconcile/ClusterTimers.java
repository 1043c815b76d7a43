package dev.logship.reconcile;

import dev.logship.rollout.RolloutClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The controller's clock-driven triggers on one daemon thread: the poll and drift timers, a
 * cluster's recheck while its rollout is in progress (at most one waits per cluster), and a
 * run at an instant of the rollout clock (a bake's end, a sync window's opening). Each only
 * says "run now" to the queue; after {@link #shutdown} nothing more is scheduled.
 */
final class ClusterTimers {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reconcile-timers");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> rechecks = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> trigger;
    private final RolloutClock clock;

    /** {@code trigger}: (cluster, reason) into the cluster queue. */
    ClusterTimers(BiConsumer<String, String> trigger, RolloutClock clock) {
        this.trigger = trigger;
        this.clock = clock;
    }

    void every(Duration interval, Runnable task) {
        long millis = interval.toMillis();
        timers.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** At most one recheck waits per cluster: another replaces it, so rechecks never chain in parallel. */
    void recheck(String name, Duration after) {
        try {
            ScheduledFuture<?> next = timers.schedule(() -> trigger.accept(name, "rollout in progress"),
                    after.toNanos(), TimeUnit.NANOSECONDS);
            ScheduledFuture<?> replaced = rechecks.put(name, next);
            if (replaced != null) {
                replaced.cancel(false);
            }
        } catch (RejectedExecutionException shuttingDown) {
            // no more rechecks once shutting down
        }
    }

    /** Runs a cluster now, or at {@code at} on the rollout clock. */
    void at(String name, Instant at) {
        long delay = clock.realDelayUntil(at).toNanos();
        if (delay <= 0) {
            trigger.accept(name, "rollout");
            return;
        }
        try {
            timers.schedule(() -> trigger.accept(name, "rollout"), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // no more rollout steps once shutting down
        }
    }

    void shutdown() {
        timers.shutdownNow();
    }
}

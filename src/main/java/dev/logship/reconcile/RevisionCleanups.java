package dev.logship.reconcile;

import dev.logship.sync.RevisionSweeper;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * serve's revision clean-up: runs the clean-ups applies asked for on a thread of its own, after
 * each cluster run has been reported and then once a second while some wait for spare budget
 * ({@link RevisionSweeper#sweepFromSpareBudget}), so no push waits for a DeregisterTaskDefinition
 * and a burst of pushes spends ECS's task-definition bucket on its registrations. Each revision
 * removed is an event of the cluster that asked last, naming the forwarder.
 */
final class RevisionCleanups {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionCleanups.class);
    /** How often waiting clean-ups look at the budget again: ECS refills the bucket at 1 token per second. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final RevisionSweeper sweeper;
    private final ClusterEvents events;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "revision-cleanup");
        t.setDaemon(true);
        return t;
    });

    RevisionCleanups(RevisionSweeper sweeper, StatusStore store) {
        this.sweeper = sweeper;
        this.events = new ClusterEvents(store);
    }

    /** A cluster run has been reported: clean up soon if some clean-up waits (one sweep queued at most). */
    void afterRun() {
        if (sweeper.pending()) {
            schedule(Duration.ZERO);
        }
    }

    private void schedule(Duration after) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::sweep, after.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
            }
        }
    }

    private void sweep() {
        scheduled.set(false);
        try {
            for (RevisionSweeper.Swept swept : sweeper.sweepFromSpareBudget()) {
                try (var fields = dev.logship.logging.LogFields.with(dev.logship.logging.LogFields.CLUSTER, swept.cluster())) {
                    events.recordCleanUp(swept);
                    swept.warnings().forEach(w -> LOG.debug("[{}] {}", swept.cluster(), w)); // kept, and asked again in a second
                }
            }
        } catch (RuntimeException e) {
            InternalErrors.log(LOG, "revision clean-up", e);
        }
        if (sweeper.pending()) {
            schedule(RETRY);
        }
    }

    /** Stops sweeping; a sweep in flight finishes its call (before the gateways close). */
    void shutdown(Duration timeout) throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        sweeper.flush(); // the clean-ups still waiting, for the next start
    }
}

package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.reconcile.TriggerQueue.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TriggerQueueTest {
    private static final Duration NO_BACKOFF = Duration.ZERO;
    private TriggerQueue queue;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (queue != null) {
            queue.shutdown(Duration.ofSeconds(5));
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.sleep(1); // polling interval of a wait-until, not a timing assumption
        }
    }

    /** A run that blocks until released, recording each run's reasons. */
    private static final class GatedRunner implements TriggerQueue.Runner {
        final Queue<String> runs = new ConcurrentLinkedQueue<>();
        final Queue<List<String>> reasons = new ConcurrentLinkedQueue<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        @Override
        public RunResult run(String key, List<String> why) throws InterruptedException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            runs.add(key);
            reasons.add(why);
            firstStarted.countDown();
            release.await();
            inFlight.decrementAndGet();
            return RunResult.SUCCESS;
        }
    }

    @Test
    void aBurstOfTriggersDuringARunCollapsesIntoExactlyOneMoreRun() throws Exception {
        GatedRunner runner = new GatedRunner();
        queue = new TriggerQueue(runner, 2, new Backoff(NO_BACKOFF, NO_BACKOFF));

        queue.trigger("prod", "poll");
        assertThat(runner.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            queue.trigger("prod", i % 2 == 0 ? "webhook" : "resync");
        }
        runner.release.countDown();

        waitUntil(() -> runner.runs.size() == 2 && !queue.isRunning("prod"));
        queue.shutdown(Duration.ofSeconds(5));
        assertThat(runner.runs).containsExactly("prod", "prod");
        assertThat(runner.reasons).containsExactly(List.of("poll"), List.of("webhook", "resync"));
        assertThat(runner.maxInFlight.get()).isEqualTo(1);
    }

    @Test
    void differentKeysRunConcurrentlyUpToTheBound() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        queue = new TriggerQueue((key, why) -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            bothRunning.countDown();
            release.await();
            inFlight.decrementAndGet();
            return RunResult.SUCCESS;
        }, 2, Backoff.DEFAULT);

        queue.trigger("prod", "poll");
        queue.trigger("staging", "poll");
        queue.trigger("dev", "poll");

        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).as("two keys run at the same time").isTrue();
        release.countDown();
        assertThat(queue.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(maxInFlight.get()).isEqualTo(2);
    }

    @Test
    void aFailureDelaysTheNextRunByTheBackoffAndSuccessResetsIt() throws Exception {
        Duration initial = Duration.ofMillis(400);
        Queue<Long> startedAt = new ConcurrentLinkedQueue<>();
        Queue<Long> endedAt = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        queue = new TriggerQueue((key, why) -> {
            startedAt.add(System.nanoTime());
            RunResult result = calls.incrementAndGet() == 1 ? RunResult.FAILURE : RunResult.SUCCESS;
            endedAt.add(System.nanoTime());
            return result;
        }, 1, Backoff.exponential(initial, Duration.ofMinutes(1)));

        queue.trigger("prod", "poll");
        waitUntil(() -> queue.consecutiveFailures("prod") == 1);
        assertThat(queue.backoffRemaining("prod")).isPresent();
        assertThat(queue.hasPending("prod")).isFalse();
        queue.trigger("prod", "webhook");
        waitUntil(() -> startedAt.size() == 2 && queue.consecutiveFailures("prod") == 0);

        long waited = startedAt.stream().skip(1).findFirst().orElseThrow() - endedAt.peek();
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(initial);
        assertThat(queue.backoffRemaining("prod")).isEmpty();
    }

    @Test
    void aFailureWithoutRetryWaitsForANewTrigger() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        queue = new TriggerQueue((key, why) -> {
            calls.incrementAndGet();
            return RunResult.FAILURE;
        }, 1, new Backoff(NO_BACKOFF, NO_BACKOFF));
        queue.trigger("prod", "poll");
        waitUntil(() -> queue.consecutiveFailures("prod") == 1 && !queue.isRunning("prod"));
        assertThat(queue.hasPending("prod")).as("no retry is queued after a plain failure").isFalse();
        assertThat(calls.get()).isEqualTo(1);
        queue.trigger("prod", "poll");
        waitUntil(() -> calls.get() == 2);
    }

    @Test
    void retryRunsAgainAfterTheBackoffWithoutANewTrigger() throws Exception {
        Queue<List<String>> reasons = new ConcurrentLinkedQueue<>();
        queue = new TriggerQueue((key, why) -> {
            reasons.add(why);
            if (reasons.size() == 1) {
                throw new IllegalStateException("throttled");
            }
            return RunResult.SUCCESS;
        }, 1, Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(1)));

        queue.trigger("prod", "webhook");

        waitUntil(() -> reasons.size() == 2 && queue.consecutiveFailures("prod") == 0);
        assertThat(reasons).containsExactly(List.of("webhook"), List.of(TriggerQueue.RETRY_REASON));
    }

    @Test
    void shutdownWaitsForTheRunInFlightAndRefusesNewTriggers() throws Exception {
        GatedRunner runner = new GatedRunner();
        queue = new TriggerQueue(runner, 1, Backoff.DEFAULT);
        queue.trigger("prod", "poll");
        assertThat(runner.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        queue.trigger("prod", "webhook"); // pending: dropped by shutdown

        CountDownLatch shutdownReturned = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            try {
                queue.shutdown(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shutdownReturned.countDown();
        });
        stopper.start();
        waitUntil(() -> !queue.trigger("prod", "after shutdown"));
        assertThat(shutdownReturned.getCount()).as("still waiting for the run in flight").isEqualTo(1);

        runner.release.countDown();
        assertThat(shutdownReturned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.runs).containsExactly("prod");
        assertThat(runner.inFlight.get()).isZero();
    }

    @Test
    void aMinimumIntervalSpacesRunStartsSoLateTriggersStillCollapse() throws Exception {
        Duration interval = Duration.ofMillis(500);
        Queue<Long> startedAt = new ConcurrentLinkedQueue<>();
        Queue<List<String>> reasons = new ConcurrentLinkedQueue<>();
        queue = new TriggerQueue((key, why) -> {
            startedAt.add(System.nanoTime());
            reasons.add(why);
            return RunResult.SUCCESS;
        }, 1, Backoff.DEFAULT, interval);

        queue.trigger("prod", "webhook 1");
        waitUntil(() -> startedAt.size() == 1 && !queue.isRunning("prod"));
        queue.trigger("prod", "webhook 2");
        queue.trigger("prod", "webhook 3");
        waitUntil(() -> startedAt.size() == 2 && !queue.isRunning("prod") && !queue.hasPending("prod"));

        long gap = startedAt.stream().skip(1).findFirst().orElseThrow() - startedAt.peek();
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(interval);
        assertThat(reasons).containsExactly(List.of("webhook 1"), List.of("webhook 2", "webhook 3"));
        assertThat(queue.consecutiveFailures("prod")).isZero();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(60));
        assertThat(backoff.after(0)).isZero();
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(500)).isEqualTo(Duration.ofSeconds(60));
    }
}

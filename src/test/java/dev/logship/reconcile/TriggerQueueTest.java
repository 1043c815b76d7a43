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

    /** A source-like run: records what each run saw at "the ref", which the test moves; blocks while gated. */
    private static final class FetchingRunner implements TriggerQueue.Runner {
        final Queue<String> fetched = new ConcurrentLinkedQueue<>();
        volatile String ref = "c0";
        volatile String lastFetched;
        volatile CountDownLatch started = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);
        volatile RunResult result = RunResult.SUCCESS;

        @Override
        public RunResult run(String key, List<String> why) throws InterruptedException {
            String found = ref; // the fetch reads the ref as it starts
            RunResult outcome = result;
            started.countDown();
            release.await();
            if (outcome == RunResult.SUCCESS) {
                lastFetched = found;
                fetched.add(found);
            }
            return outcome;
        }

        String seen(String key) {
            return lastFetched;
        }

        /** The next run blocks after reading the ref until {@link #release} is counted down. */
        void gateNextRun() {
            started = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }
    }

    private static final Duration AN_HOUR = Duration.ofHours(1);

    @Test
    void pushesInQuickSuccessionAreEachFetchedAtOnceWhateverTheMinimumInterval() throws Exception {
        FetchingRunner runner = new FetchingRunner();
        // an hour between run starts for triggers that name nothing: any wait for it would time the test out
        queue = new TriggerQueue(runner, runner::seen, 1, Backoff.DEFAULT, AN_HOUR);
        for (int push = 1; push <= 3; push++) {
            runner.ref = "c" + push;
            queue.trigger("source", "webhook", "c" + push);
            int expected = push;
            waitUntil(() -> runner.fetched.size() == expected && !queue.isRunning("source"));
        }
        assertThat(runner.fetched).containsExactly("c1", "c2", "c3");
        assertThat(queue.hasPending("source")).isFalse();
    }

    @Test
    void aTriggerNamingWhatTheLatestRunFoundIsDroppedWithNoRunInFlight() throws Exception {
        FetchingRunner runner = new FetchingRunner();
        runner.ref = "c1";
        queue = new TriggerQueue(runner, runner::seen, 1, Backoff.DEFAULT, AN_HOUR);
        queue.trigger("source", "webhook", "c1");
        waitUntil(() -> runner.fetched.size() == 1 && !queue.isRunning("source"));
        for (int i = 0; i < 100; i++) {
            queue.trigger("source", "webhook " + i, "c1"); // late copies of the same push
        }
        assertThat(queue.hasPending("source")).isFalse();
        assertThat(queue.isRunning("source")).isFalse();
        assertThat(runner.fetched).containsExactly("c1");
    }

    @Test
    void aTriggerArrivingDuringARunIsAnsweredByThatRunOnlyIfItFoundTheCommit() throws Exception {
        FetchingRunner runner = new FetchingRunner();
        queue = new TriggerQueue(runner, runner::seen, 1, Backoff.DEFAULT, Duration.ZERO);

        // The run in flight read the ref after c1 was pushed: its webhooks are answered by it.
        runner.ref = "c1";
        runner.gateNextRun();
        queue.trigger("source", "webhook", "c1");
        assertThat(runner.started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            queue.trigger("source", "webhook", "c1");
        }
        runner.release.countDown();
        waitUntil(() -> !queue.isRunning("source") && !queue.hasPending("source"));
        assertThat(runner.fetched).containsExactly("c1");

        // The run in flight read the ref before c2 was pushed: c2's webhook makes exactly one more run.
        runner.gateNextRun();
        queue.trigger("source", "poll");
        assertThat(runner.started.await(10, TimeUnit.SECONDS)).isTrue();
        runner.ref = "c2";
        for (int i = 0; i < 100; i++) {
            queue.trigger("source", "webhook", "c2");
        }
        runner.release.countDown();
        waitUntil(() -> runner.fetched.size() == 3 && !queue.isRunning("source") && !queue.hasPending("source"));
        assertThat(runner.fetched).containsExactly("c1", "c1", "c2");
    }

    @Test
    void aPushBackToTheCommitFetchedBeforeIsFetchedWhenARunInFlightMayFindAnotherOne() throws Exception {
        FetchingRunner runner = new FetchingRunner();
        queue = new TriggerQueue(runner, runner::seen, 1, Backoff.DEFAULT, AN_HOUR);
        runner.ref = "c1";
        queue.trigger("source", "webhook", "c1");
        waitUntil(() -> runner.fetched.size() == 1 && !queue.isRunning("source"));

        runner.ref = "c2";
        runner.gateNextRun();
        queue.trigger("source", "webhook", "c2");
        assertThat(runner.started.await(10, TimeUnit.SECONDS)).isTrue();
        runner.ref = "c1"; // force-pushed back while the fetch that found c2 is in flight
        queue.trigger("source", "webhook", "c1");
        runner.release.countDown();

        waitUntil(() -> runner.fetched.size() == 3 && !queue.isRunning("source") && !queue.hasPending("source"));
        assertThat(runner.fetched).containsExactly("c1", "c2", "c1");
    }

    @Test
    void aFailedRunAnswersNoTriggerThatArrivedDuringIt() throws Exception {
        FetchingRunner runner = new FetchingRunner();
        queue = new TriggerQueue(runner, runner::seen, 1, new Backoff(NO_BACKOFF, NO_BACKOFF), AN_HOUR);
        runner.ref = "c1";
        queue.trigger("source", "webhook", "c1");
        waitUntil(() -> runner.fetched.size() == 1 && !queue.isRunning("source"));

        runner.ref = "c2";
        runner.result = RunResult.FAILURE;
        runner.gateNextRun();
        queue.trigger("source", "webhook", "c2");
        assertThat(runner.started.await(10, TimeUnit.SECONDS)).isTrue();
        queue.trigger("source", "webhook", "c1");
        runner.result = RunResult.SUCCESS; // for the runs after the one in flight
        runner.release.countDown();
        // The failed run saw nothing; c2 was the ref: the next run finds it.
        waitUntil(() -> runner.fetched.size() == 2 && !queue.isRunning("source") && !queue.hasPending("source"));
        assertThat(runner.fetched).containsExactly("c1", "c2");
    }

    @Test
    void aTriggerNamingACommitCutsShortAWaitForTheMinimumInterval() throws Exception {
        FetchingRunner runner = new FetchingRunner();
        queue = new TriggerQueue(runner, runner::seen, 1, Backoff.DEFAULT, AN_HOUR);
        queue.trigger("source", "poll");
        waitUntil(() -> runner.fetched.size() == 1 && !queue.isRunning("source"));
        queue.trigger("source", "generic webhook"); // names nothing: waits out the hour
        assertThat(queue.hasPending("source")).isTrue();
        assertThat(runner.fetched).hasSize(1);

        runner.ref = "c1";
        queue.trigger("source", "webhook", "c1");
        waitUntil(() -> runner.fetched.size() == 2 && !queue.isRunning("source") && !queue.hasPending("source"));
        assertThat(runner.fetched).containsExactly("c0", "c1");
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

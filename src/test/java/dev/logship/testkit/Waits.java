package dev.logship.testkit;

import java.time.Duration;
import java.util.Optional;

/**
 * The one wait-until of the tests: polls a condition with a deadline instead of sleeping a guessed
 * time, and fails with what it waited for. A check that throws fails the wait at once (an
 * unchecked exception as it is, a checked one inside an AssertionError), so callers need no
 * {@code throws} clause.
 */
public final class Waits {
    /** Polling step for the first second of a wait (most waits end within it): short next to any deadline. */
    private static final Duration STEP = Duration.ofMillis(20);
    /**
     * Polling step after that: a probe is often an HTTP call and a JSON parse on both sides (or a round of
     * SDK reads), and the long waits (bakes, restarts, rollouts) probed 50 times a second for minutes, CPU
     * the two cores lack. 100 ms late is nothing next to a wait that has lasted a second.
     */
    private static final Duration SLOW_STEP = Duration.ofMillis(100);
    private static final long FAST_NANOS = Duration.ofSeconds(1).toNanos();

    private Waits() {}

    /** A condition that may throw (an HTTP call to a server that is still starting, a file read). */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** A value that is there once something happened. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> value() throws Exception;
    }

    /** Waits until {@code check} holds, failing after {@code timeout}. */
    public static void until(String what, Duration timeout, Check check) {
        until(what, timeout, () -> check.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} has a value and returns it, failing after {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Probe<T> probe) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            Optional<T> value = probe(what, probe);
            if (value.isPresent()) {
                return value.get();
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            pause(now - start < FAST_NANOS ? STEP : SLOW_STEP);
        }
    }

    /** A deliberate pause (a moment to crash at, a pace), not a wait for a condition. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static <T> Optional<T> probe(String what, Probe<T> probe) {
        try {
            return probe.value();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting until " + what, e);
        } catch (Exception e) {
            throw new AssertionError("failed waiting until " + what + ": " + e, e);
        }
    }
}

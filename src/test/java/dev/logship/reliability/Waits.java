package dev.logship.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Wait-until with a deadline (polling), instead of sleeping a guessed time. */
final class Waits {
    private Waits() {}

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** A deliberate pause (a seeded moment to crash at), not a wait for a condition. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

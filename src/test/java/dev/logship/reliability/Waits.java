package dev.logship.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** This package's name for the test kit's wait-until ({@link dev.logship.testkit.Waits}), kept for its callers. */
final class Waits {
    private Waits() {}

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        dev.logship.testkit.Waits.until(what, timeout, condition::getAsBoolean);
    }

    /** A deliberate pause (a seeded moment to crash at), not a wait for a condition. */
    static void pause(Duration duration) {
        dev.logship.testkit.Waits.pause(duration);
    }
}

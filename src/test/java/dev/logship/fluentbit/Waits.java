package dev.logship.fluentbit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** This package's name for the test kit's wait-until ({@link dev.logship.testkit.Waits}), kept for its callers. */
final class Waits {
    private Waits() {}

    static <T> T until(String what, Duration timeout, Callable<Optional<T>> probe) {
        return dev.logship.testkit.Waits.until(what, timeout, probe::call);
    }
}

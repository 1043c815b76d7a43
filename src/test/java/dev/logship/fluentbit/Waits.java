package dev.logship.fluentbit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Wait until a condition holds (polling), instead of sleeping a guessed time. */
final class Waits {
    private Waits() {}

    static <T> T until(String what, Duration timeout, Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.call();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}

package dev.logship.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code failingAfter}: how long output may fail without a record getting through before the
 * node is DeliveryFailing; {@code silentAfter}: how long a node may send no telemetry before it
 * is Silent (a few report intervals); {@code keep}: how far back samples are kept (longer than both).
 */
public record DeliverySettings(Duration failingAfter, Duration silentAfter, Duration keep) {
    public DeliverySettings {
        Objects.requireNonNull(failingAfter, "failingAfter");
        Objects.requireNonNull(silentAfter, "silentAfter");
        Objects.requireNonNull(keep, "keep");
        if (failingAfter.isNegative() || failingAfter.isZero() || silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException("failingAfter and silentAfter must be positive");
        }
        if (keep.compareTo(failingAfter) <= 0 || keep.compareTo(silentAfter) <= 0) {
            throw new IllegalArgumentException("keep must be longer than failingAfter and silentAfter");
        }
    }

    public static DeliverySettings defaults() {
        return of(Duration.ofMinutes(2));
    }

    /** Failing after {@code window}, silent after the same window, samples kept for three windows. */
    public static DeliverySettings of(Duration window) {
        return new DeliverySettings(window, window, window.multipliedBy(3));
    }
}

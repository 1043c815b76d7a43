package dev.logship.reconcile;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff after consecutive failures: initial, doubling, capped at max. */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, got " + initial + " and " + max);
        }
    }

    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max);
    }

    /** The wait before the next run after {@code failures} consecutive failures (zero after none). */
    public Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        long nanos = initial.toNanos();
        for (int i = 0; i < doublings && nanos < max.toNanos(); i++) {
            nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }
}

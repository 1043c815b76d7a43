package dev.logship.notify;

import java.time.Duration;

/**
 * How hard delivery tries: {@code queueCapacity} events wait per notifier (more are dropped and
 * counted), each attempt may take {@code timeout}, failed attempts are retried up to
 * {@code maxRetries} times with a backoff doubling from {@code firstDelay} to {@code maxDelay}.
 */
public record DeliverySettings(int queueCapacity, Duration timeout, int maxRetries, Duration firstDelay, Duration maxDelay) {
    public DeliverySettings {
        if (queueCapacity < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("queue capacity must be at least 1 and retries at least 0");
        }
        if (timeout.isNegative() || timeout.isZero() || firstDelay.isNegative() || firstDelay.isZero()
                || maxDelay.compareTo(firstDelay) <= 0) {
            throw new IllegalArgumentException("timeout and delays must be positive, the longest delay above the first");
        }
    }

    /** 5 retries over about 31 s of backoff: a receiver restarting gets its events; a dead one costs little. */
    public static DeliverySettings defaults() {
        return new DeliverySettings(1000, Duration.ofSeconds(10), 5, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}

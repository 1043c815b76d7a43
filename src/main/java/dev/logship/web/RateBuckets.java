package dev.logship.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket (bucket4j) per key, {@code perMinute} a minute with a burst of as many, for
 * keys seen in the last {@value #IDLE_MINUTES} minutes: a bucket idle that long has refilled to
 * full, which is what a new one would be, so dropping it changes no decision and only idle keys
 * are forgotten (a fleet that rotates its addresses or node names does not grow serve). Past
 * {@code max} live keys (a flood of invented ones) every bucket is dropped: the others lose one
 * burst, never memory. All keys share one limit configuration.
 */
final class RateBuckets {
    static final int IDLE_MINUTES = 2;
    private static final long IDLE_NANOS = Duration.ofMinutes(IDLE_MINUTES).toNanos();

    private static final class Entry {
        final Bucket bucket;
        volatile long lastUse;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final Bandwidth limit;
    private final int max;
    private volatile long nextSweep = System.nanoTime() + IDLE_NANOS;

    RateBuckets(int perMinute, int max) {
        this.limit = Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
        this.max = max;
    }

    boolean take(String key) {
        long now = System.nanoTime();
        if (now - nextSweep > 0) {
            nextSweep = now + IDLE_NANOS;
            buckets.values().removeIf(e -> now - e.lastUse > IDLE_NANOS);
        }
        if (buckets.size() > max) {
            buckets.clear();
        }
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(Bucket.builder().addLimit(limit).build()));
        entry.lastUse = now;
        return entry.bucket.tryConsume(1);
    }

    int size() {
        return buckets.size();
    }
}

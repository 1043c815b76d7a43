package dev.logship.aws;

import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side limits per bucket: ECS's documented ones by default, scaled by a factor (e.g.
 * 0.5 to leave half the account's budget to other tools) or off entirely.
 */
public record RateLimits(boolean enabled, double scale) {
    public RateLimits {
        if (scale <= 0) {
            throw new IllegalArgumentException("rate limit scale must be positive, got " + scale);
        }
    }

    public static RateLimits ecsDefaults() {
        return new RateLimits(true, 1.0);
    }

    public static RateLimits off() {
        return new RateLimits(false, 1.0);
    }

    /** Burst and sustained rate per bucket, at least 1 each. */
    public Map<ApiBucket, long[]> perBucket() {
        Map<ApiBucket, long[]> out = new EnumMap<>(ApiBucket.class);
        for (ApiBucket b : ApiBucket.values()) {
            out.put(b, new long[] {Math.max(1, Math.round(b.burst() * scale)), Math.max(1, Math.round(b.perSecond() * scale))});
        }
        return out;
    }
}

package dev.logship.aws;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side limits per ECS bucket. {@code share} scales
 * burst and rate (0.5 leaves half the account's budget to other tools); {@code timeScale}
 * refills faster, to match a local-ecs run with the same {@code --time-scale}.
 */
public record RateLimits(boolean enabled, double share, double timeScale) {

    /** A bucket's shape: {@code burst} tokens, {@code tokens} more every {@code period}. */
    public record Rate(long burst, long tokens, Duration period) {}

    public RateLimits {
        if (!(share > 0) || !(timeScale > 0)) {
            throw new IllegalArgumentException("rate limit share and time scale must be positive, got " + share + ", " + timeScale);
        }
    }

    /** 90% of ECS's documented burst and rate: headroom for other tools and for timing jitter. */
    public static RateLimits ecsDefaults() {
        return new RateLimits(true, 0.9, 1.0);
    }

    public static RateLimits off() {
        return new RateLimits(false, 1.0, 1.0);
    }

    public RateLimits withTimeScale(double scale) {
        return new RateLimits(enabled, share, scale);
    }

    /** Per bucket: the scaled burst, refilled one token at a time at the scaled rate. */
    public Map<ApiBucket, Rate> perBucket() {
        Map<ApiBucket, Rate> out = new EnumMap<>(ApiBucket.class);
        for (ApiBucket b : ApiBucket.values()) {
            double perSecond = b.perSecond() * share * timeScale;
            Duration period = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000L / perSecond)));
            out.put(b, new Rate(Math.max(1, (long) Math.floor(b.burst() * share)), 1, period));
        }
        return out;
    }
}

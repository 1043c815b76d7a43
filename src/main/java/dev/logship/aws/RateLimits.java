package dev.logship.aws;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side limits per ECS bucket: ECS's documented ones by default. {@code share} scales
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

    public static RateLimits ecsDefaults() {
        return new RateLimits(true, 1.0, 1.0);
    }

    public static RateLimits off() {
        return new RateLimits(false, 1.0, 1.0);
    }

    public RateLimits withTimeScale(double scale) {
        return new RateLimits(enabled, share, scale);
    }

    public Map<ApiBucket, Rate> perBucket() {
        Map<ApiBucket, Rate> out = new EnumMap<>(ApiBucket.class);
        Duration period = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000L / timeScale)));
        for (ApiBucket b : ApiBucket.values()) {
            out.put(b, new Rate(Math.max(1, Math.round(b.burst() * share)), Math.max(1, Math.round(b.perSecond() * share)), period));
        }
        return out;
    }
}

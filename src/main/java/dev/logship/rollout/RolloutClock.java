package dev.logship.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The rollout planner's clock: real time, or real time moved to a start instant and sped up by
 * a factor, so that bake times and sync windows of minutes or hours pass in seconds in
 * end-to-end tests, benchmarks and demos (serve's hidden {@code --clock-scale} and
 * {@code --clock-start}). Only the planner reads it: ECS pacing, HTTP timeouts, rechecks,
 * backoff and event times keep real time, so a scaled run still meets ECS's real rate limits.
 */
public final class RolloutClock extends Clock {
    private final Clock real;
    private final Instant realOrigin;
    private final Instant start;
    private final double scale;
    /** The start asked for ({@code --clock-start}), null when none: with the scale, what a kept anchor must match. */
    private final Instant asked;

    private RolloutClock(Clock real, Instant realOrigin, Instant start, double scale, Instant asked) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the clock scale must be a positive number, got " + scale);
        }
        this.real = real;
        this.realOrigin = realOrigin;
        this.start = start == null ? realOrigin : start;
        this.scale = scale;
        this.asked = asked;
    }

    public static RolloutClock system() {
        return scaled(Clock.systemUTC(), null, 1);
    }

    /** Starts at {@code start} (null: the real time now) and runs {@code scale} times as fast as {@code real}. */
    public static RolloutClock scaled(Clock real, Instant start, double scale) {
        return new RolloutClock(real, real.instant(), start, scale, start);
    }

    /**
     * This clock's settings continued from an anchor an earlier process kept: it showed {@code shown}
     * at the real instant {@code realAt}, so a restart neither turns scaled time back nor jumps it ahead.
     */
    public RolloutClock continuedFrom(Instant realAt, Instant shown) {
        return new RolloutClock(real, realAt, shown, scale, asked);
    }

    /** The real instant at which this clock showed {@link #start()}: its anchor. */
    public Instant realOrigin() {
        return realOrigin;
    }

    /** What this clock showed at {@link #realOrigin()}. */
    public Instant start() {
        return start;
    }

    /** The start asked for, null when the clock started at the real time of its first start. */
    public Instant askedStart() {
        return asked;
    }

    /** False when this is plain real time (the default). */
    public boolean isScaled() {
        return scale != 1 || !start.equals(realOrigin);
    }

    public double scale() {
        return scale;
    }

    @Override
    public Instant instant() {
        long elapsed = Duration.between(realOrigin, real.instant()).toNanos();
        return start.plusNanos(scale == 1 ? elapsed : (long) (elapsed * scale));
    }

    /** How long to wait in real time until this clock shows {@code at} (zero when it already has). */
    public Duration realDelayUntil(Instant at) {
        long ahead = Duration.between(instant(), at).toNanos();
        return ahead <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(ahead / scale));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone.normalized())) {
            return this;
        }
        // windows carry their own time zone; the planner only compares instants
        throw new UnsupportedOperationException("the rollout clock is UTC; sync windows name their own time zone");
    }

    @Override
    public String toString() {
        return isScaled() ? "RolloutClock[start=" + start + ", scale=" + scale + "]" : "RolloutClock[real time]";
    }
}

package dev.logship.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a rollout still moves, and when to look at it again. Each look at a Progressing
 * cluster hands in a fingerprint of what ECS reported (tasks running, pending, revisions): a
 * new fingerprint is progress and starts the rechecks over at {@code initial}; the same one
 * doubles the wait up to {@code max}. No progress for {@code timeout} makes the rollout stuck
 * (Degraded, reason RolloutStuck); it is still looked at every {@code max}, so it recovers by
 * itself once ECS moves again. The last wait before the deadline is shortened so the verdict
 * comes at the deadline, not up to {@code max} after it. Pure: the caller passes the time.
 */
public final class RolloutProgress {
    public static final String STUCK_REASON = "RolloutStuck";

    private final Duration initial;
    private final Duration max;
    private final Duration timeout;
    private final Map<String, State> byKey = new HashMap<>();

    private record State(String fingerprint, Instant progressAt, Duration delay) {}

    /** What one look concluded: wait {@code recheckAfter} before the next; stuck after {@code timeout} without progress. */
    public record Verdict(Duration recheckAfter, Duration sinceProgress, boolean stuck) {}

    public RolloutProgress(Duration initial, Duration max, Duration timeout) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("rechecks need 0 < initial <= max and a positive rollout timeout, got "
                    + initial + ", " + max + ", " + timeout);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    /** One look at a rollout in progress at {@code now}. */
    public synchronized Verdict observe(String key, String fingerprint, Instant now) {
        State previous = byKey.get(key);
        boolean progressed = previous == null || !previous.fingerprint().equals(fingerprint);
        Duration wait = progressed ? initial : min(previous.delay().multipliedBy(2), max);
        Instant progressAt = progressed ? now : previous.progressAt();
        byKey.put(key, new State(fingerprint, progressAt, wait));
        Duration since = Duration.between(progressAt, now);
        boolean stuck = since.compareTo(timeout) >= 0;
        Duration untilDeadline = timeout.minus(since);
        return new Verdict(stuck ? wait : min(wait, untilDeadline), since, stuck);
    }

    /** The rollout is over (or the cluster failed, or left Git): the next one starts afresh. */
    public synchronized void settled(String key) {
        byKey.remove(key);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

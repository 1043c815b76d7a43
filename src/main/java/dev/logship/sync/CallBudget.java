package dev.logship.sync;

/**
 * How much of one ECS rate-limit bucket the adapter's client-side limiter holds now: tokens
 * {@code available} of at most {@code burst}. Revision clean-up spends only {@link #spare()}
 * budget, so it never takes a token an apply needs.
 */
public record CallBudget(long available, long burst) {
    /** An adapter that does not pace its calls: every call may be made now. */
    public static final CallBudget UNLIMITED = new CallBudget(Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * True when the bucket holds more than a reserve of {@code burst - 1}, that is, it is full: its
     * refill is being wasted, so a call now costs no apply a token it could have had (a burst of
     * applies that begins within one refill period finds at most one token fewer). A bucket of one
     * token is never spare for clean-up while it refills.
     */
    public boolean spare() {
        return available > reserve();
    }

    /** The tokens clean-up leaves for applies. */
    public long reserve() {
        return burst == Long.MAX_VALUE ? 0 : Math.max(0, burst - 1);
    }
}

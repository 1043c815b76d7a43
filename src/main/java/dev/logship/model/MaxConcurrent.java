package dev.logship.model;

/** At most this many clusters of a wave changing at once: a count, or a percentage of the wave (rounded up, at least 1). */
public record MaxConcurrent(int value, boolean percent) {
    public static final MaxConcurrent UNLIMITED = new MaxConcurrent(100, true);

    public MaxConcurrent {
        if (value < 1 || (percent && value > 100)) {
            throw new IllegalArgumentException("maxConcurrent must be a count >= 1 or a percentage 1-100, got " + value);
        }
    }

    /** The limit for a wave of {@code waveSize} clusters. */
    public int limit(int waveSize) {
        if (!percent) {
            return value;
        }
        return Math.max(1, (int) Math.ceil(waveSize * value / 100.0));
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}

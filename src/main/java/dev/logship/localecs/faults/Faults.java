package dev.logship.localecs.faults;

/**
 * Injected faults applied to every ECS call (admin paths are never faulted).
 *
 * @param throttleShare share of calls answered with ThrottlingException (0..1)
 * @param serverErrorShare share of calls answered with ServerException (0..1)
 * @param dropShare share of calls whose connection is closed without a response (0..1)
 * @param latencyMillis delay added before every call is answered
 */
public record Faults(double throttleShare, double serverErrorShare, double dropShare, long latencyMillis) {
    public Faults {
        requireShare("throttleShare", throttleShare);
        requireShare("serverErrorShare", serverErrorShare);
        requireShare("dropShare", dropShare);
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0, got " + latencyMillis);
        }
    }

    public static Faults none() {
        return new Faults(0, 0, 0, 0);
    }

    public static Faults latency(long millis) {
        return new Faults(0, 0, 0, millis);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}

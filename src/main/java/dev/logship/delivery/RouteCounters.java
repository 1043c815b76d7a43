package dev.logship.delivery;

/**
 * One route's cumulative output counters as Fluent Bit reports them since its process started:
 * records sent, output errors, retries, retries that gave up, records dropped.
 */
public record RouteCounters(long recordsOut, long errors, long retries, long retriesFailed, long dropped) {
    public static final RouteCounters ZERO = new RouteCounters(0, 0, 0, 0, 0);

    public RouteCounters plus(RouteCounters other) {
        return new RouteCounters(recordsOut + other.recordsOut, errors + other.errors, retries + other.retries,
                retriesFailed + other.retriesFailed, dropped + other.dropped);
    }

    /** What happened between {@code earlier} and this; a smaller counter means the process restarted, so it counts from 0. */
    RouteCounters since(RouteCounters earlier) {
        boolean restarted = recordsOut < earlier.recordsOut || errors < earlier.errors || retries < earlier.retries
                || retriesFailed < earlier.retriesFailed || dropped < earlier.dropped;
        return restarted ? this : new RouteCounters(recordsOut - earlier.recordsOut, errors - earlier.errors,
                retries - earlier.retries, retriesFailed - earlier.retriesFailed, dropped - earlier.dropped);
    }

    /** Errors or retries: an output that is trying and not getting through. */
    boolean troubled() {
        return errors > 0 || retries > 0 || retriesFailed > 0 || dropped > 0;
    }

    /** Records lost for good (given up after retries, or dropped). */
    boolean lost() {
        return retriesFailed > 0 || dropped > 0;
    }
}

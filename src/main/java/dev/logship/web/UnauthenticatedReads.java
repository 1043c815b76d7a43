package dev.logship.web;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory bodies of not-yet-authenticated senders may hold at once: a budget of {@code
 * budgetBytes}, taken per read as its declared length (the full body limit when the length is
 * not declared). Two 5 MiB bodies fill it, hundreds of typical 10 KiB pushes fit side by side.
 * A read that finds no room waits up to {@code wait}, then is turned away (503): a flood of large
 * unauthenticated bodies costs at most the budget, whatever the heap.
 */
final class UnauthenticatedReads {
    private static final int KIB = 1024;
    private final Semaphore kibibytes;
    private final int budgetKib;
    private final long waitMillis;

    UnauthenticatedReads(long budgetBytes, long waitMillis) {
        this.budgetKib = (int) Math.min(Integer.MAX_VALUE, budgetBytes / KIB);
        this.kibibytes = new Semaphore(budgetKib, true);
        this.waitMillis = waitMillis;
    }

    /** The permits taken for a body of this size (0 when turned away); give them back with {@link #release}. */
    int acquire(long declaredLength, long limit) throws InterruptedException {
        long bytes = declaredLength >= 0 ? Math.min(declaredLength, limit) : limit;
        int permits = (int) Math.min(budgetKib, bytes / KIB + 1);
        return kibibytes.tryAcquire(permits, waitMillis, TimeUnit.MILLISECONDS) ? permits : 0;
    }

    void release(int permits) {
        kibibytes.release(permits);
    }

    long budgetBytes() {
        return (long) budgetKib * KIB;
    }
}

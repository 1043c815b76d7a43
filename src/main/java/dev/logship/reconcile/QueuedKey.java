package dev.logship.reconcile;

/**
 * What {@link TriggerQueue} knows of one key: the triggers gathered for its next run, whether a
 * run is scheduled, submitted or running, its failures and backoff, and what its last run saw.
 * Not thread-safe: the queue guards it.
 */
final class QueuedKey {
    final PendingTriggers pending = new PendingTriggers();
    boolean running;
    boolean scheduled;
    boolean submitted;
    /** Tells a timer that fires after its run was started otherwise (news cut a wait short) to do nothing. */
    long generation;
    int failures;
    /** What the last finished run saw (the commit its fetch found), or null. */
    String seen;
    long backoffUntilNanos = System.nanoTime(); // nanoTime may be negative: never compare against a sentinel
    long lastStartNanos;
}

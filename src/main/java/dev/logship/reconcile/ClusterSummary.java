package dev.logship.reconcile;

/**
 * A cluster's state in one sentence a person reads first (the page's summary column, the
 * status API's {@code summary}). Above all it never lets "Synced" stand next to "Stalled"
 * unexplained: while the newest commit is stalled, it says that ECS runs an older one.
 */
final class ClusterSummary {
    private ClusterSummary() {}

    static String of(ClusterStatus s) {
        String applied = StatusStore.shortId(s.lastAppliedRevision());
        String attempted = StatusStore.shortId(s.lastAttemptedRevision());
        String ecsOn = applied == null ? "nothing was applied to ECS yet" : "ECS is on " + applied;
        if (s.stalled()) {
            boolean invalid = Stall.VALIDATION_FAILED.equals(s.condition(Condition.STALLED).reason());
            String newest = "the newest commit " + attempted + (invalid ? " failed validation" : " could not be processed (internal error)")
                    + ", so nothing of it is applied";
            if (applied == null) {
                return "Stalled: " + newest + ", and no earlier commit was applied to ECS.";
            }
            return "Stalled: ECS is on the older commit " + applied + " (" + s.syncStatus() + ", " + s.health() + "); "
                    + newest + ".";
        }
        if (s.lastError() != null) {
            return "Sync failed: " + s.lastError() + " (" + ecsOn + "; will retry).";
        }
        Condition ready = s.condition(Condition.READY);
        return switch (s.syncStatus()) {
            case Unknown -> "Not observed yet.";
            case OutOfSync -> "OutOfSync: ECS differs from " + attempted + "; "
                    + (ready == null ? "changes are pending" : applied == null ? sentence(ready.message()) : ready.message())
                    + (applied == null ? (ready == null ? "." : "") : " (last applied " + applied + ").");
            case Synced -> sentence("Synced: ECS is on " + applied + "; " + s.health()
                    + (s.healthMessage() == null || s.healthMessage().isEmpty() ? "" : ": " + s.healthMessage()));
        };
    }

    /** Ends the text with one full stop: ECS's own messages often end with one already ("tasks failed to start."). */
    static String sentence(String text) {
        String t = text.stripTrailing();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
}

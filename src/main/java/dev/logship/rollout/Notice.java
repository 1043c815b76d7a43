package dev.logship.rollout;

/**
 * Something people should hear about: {@code event} is one of the Notifier event names
 * (Applied, Degraded, Halted, RolledBack, WindowBlocked); {@code cluster} is empty for the
 * rollout as a whole.
 */
public record Notice(String event, String cluster, String message) {
    public static Notice of(String event, String cluster, String message) {
        return new Notice(event, cluster == null ? "" : cluster, message);
    }
}

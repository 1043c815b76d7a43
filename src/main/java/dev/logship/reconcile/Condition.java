package dev.logship.reconcile;

import java.time.Instant;

/**
 * A status condition in the Kubernetes/Flux style: {@code type} is Ready, Reconciling or
 * Stalled; {@code status} True, False or Unknown; {@code reason} a CamelCase word; the
 * message says what happened in words a person can act on.
 */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";

    public static Condition isTrue(String type, String reason, String message) {
        return new Condition(type, "True", reason, message, Instant.now());
    }

    public static Condition isFalse(String type, String reason, String message) {
        return new Condition(type, "False", reason, message, Instant.now());
    }

    public static Condition unknown(String type, String reason, String message) {
        return new Condition(type, "Unknown", reason, message, Instant.now());
    }

    public boolean holds() {
        return "True".equals(status);
    }

    /** Keeps the earlier transition time when only the message changed, as Kubernetes does. */
    public Condition since(Condition previous) {
        if (previous != null && previous.type.equals(type) && previous.status.equals(status)) {
            return new Condition(type, status, reason, message, previous.lastTransitionTime);
        }
        return this;
    }
}

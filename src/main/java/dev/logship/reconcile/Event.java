package dev.logship.reconcile;

import java.time.Instant;

/** One entry of the bounded history: what happened, where, from which revision. */
public record Event(Instant time, String cluster, String type, String message, String revision) {
    public static Event of(String cluster, String type, String message, String revision) {
        return new Event(Instant.now(), cluster, type, message, revision);
    }
}

package dev.logship.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A cluster's delivery as the planner needs it for a bake gated on delivery (reconcile maps the
 * delivery model onto it, so the planner stays a function of plain data): DELIVERING, FAILING
 * (DeliveryFailing), SILENT (no telemetry where it is expected) or UNJUDGED (telemetry off, or
 * no ingest: nothing to gate on). {@code since}: when this status began, on the rollout clock.
 */
public record Delivery(Status status, Instant since, String message) {
    public enum Status { DELIVERING, FAILING, SILENT, UNJUDGED }

    /** The word a bake failed by delivery is known by: the halt reason and the cluster's message start with it. */
    public static final String REASON = "DeliveryFailing";
    /** How a failure of a cluster whose bake had ended (a finished wave) is told apart from a failed bake. */
    static final String AFTER_BAKE = " after its bake";
    public static final Delivery UNJUDGED = new Delivery(Status.UNJUDGED, null, "");

    public Delivery {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Delivery of(Status status, Instant since, String message) {
        return status == Status.UNJUDGED ? UNJUDGED : new Delivery(status, Objects.requireNonNull(since, "since"), message);
    }

    /** Records do not arrive (or cannot be told to): what a bake gated on delivery must not pass. */
    public boolean bad() {
        return status == Status.FAILING || status == Status.SILENT;
    }

    /** When bad delivery fails a bake that began at {@code bakeStart}: the bake gives the new commit a whole window. */
    Instant failsAt(Instant bakeStart, Duration window) {
        Instant from = since.isAfter(bakeStart) ? since : bakeStart;
        return from.plus(window);
    }

    /** The cluster's message when this fails its bake: starts with {@link #REASON}. */
    String failure(Duration window) {
        String what = status == Status.SILENT ? " (Silent: no telemetry)" : "";
        return REASON + what + " for at least " + window.toSeconds() + " s during the bake"
                + (message.isEmpty() ? "" : ": " + message);
    }

    /** The message of a cluster of a finished wave that stopped delivering: starts with {@link #REASON}. */
    String failureAfterBake(Duration window) {
        String what = status == Status.SILENT ? " (Silent: no telemetry)" : "";
        return REASON + what + " for at least " + window.toSeconds() + " s" + AFTER_BAKE
                + (message.isEmpty() ? "" : ": " + message);
    }
}

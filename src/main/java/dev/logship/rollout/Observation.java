package dev.logship.rollout;

import java.util.Map;
import java.util.Objects;

/**
 * One cluster as reconcile sees it now: its labels (for waves), its health, and whether the
 * rollout's commit would change anything there ({@code needsChange} false: already in sync).
 * {@code haltedHere}: the cluster's ECS resources record that this commit was halted there
 * before (README "Halts"), so it is not applied again until Resume. {@code delivery}: whether its
 * records arrive, for policies that gate bakes on it. New facts are added as components with a
 * {@code with...} copy, so callers that do not know them keep compiling.
 */
public record Observation(String cluster, Map<String, String> labels, ClusterHealth health, boolean needsChange, String message,
        boolean haltedHere, Delivery delivery) {
    public Observation {
        Objects.requireNonNull(cluster, "cluster");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(health, "health");
        message = message == null ? "" : message;
        delivery = delivery == null ? Delivery.UNJUDGED : delivery;
    }

    public Observation(String cluster, Map<String, String> labels, ClusterHealth health, boolean needsChange, String message,
            boolean haltedHere) {
        this(cluster, labels, health, needsChange, message, haltedHere, Delivery.UNJUDGED);
    }

    public Observation(String cluster, Map<String, String> labels, ClusterHealth health, boolean needsChange, String message) {
        this(cluster, labels, health, needsChange, message, false);
    }

    public static Observation of(String cluster, Map<String, String> labels, ClusterHealth health, boolean needsChange) {
        return new Observation(cluster, labels, health, needsChange, "");
    }

    /** The same cluster, whose resources record a halt of the commit (the message says so). */
    public Observation haltedHere(String why) {
        return new Observation(cluster, labels, health, needsChange, why, true, delivery);
    }

    /** The same cluster with its delivery as judged now. */
    public Observation withDelivery(Delivery now) {
        return new Observation(cluster, labels, health, needsChange, message, haltedHere, now);
    }
}

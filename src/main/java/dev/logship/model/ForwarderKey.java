package dev.logship.model;

import java.util.Objects;

/** Identifies one forwarder on one logical cluster: the unit logship creates, updates and prunes. */
public record ForwarderKey(String cluster, String forwarder) implements Comparable<ForwarderKey> {
    public ForwarderKey {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(forwarder, "forwarder");
    }

    /** Parses the {@code cluster/forwarder} form carried in the ownership tag. */
    public static ForwarderKey parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("expected cluster/forwarder, got " + text);
        }
        return new ForwarderKey(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ForwarderKey other) {
        int byCluster = cluster.compareTo(other.cluster);
        return byCluster != 0 ? byCluster : forwarder.compareTo(other.forwarder);
    }

    @Override
    public String toString() {
        return cluster + "/" + forwarder;
    }
}

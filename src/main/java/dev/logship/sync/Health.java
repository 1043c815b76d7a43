package dev.logship.sync;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/** How a forwarder (or a cluster: its worst forwarder) is doing, with a message a person can act on. */
public record Health(Status status, String message) {

    /** Ordered from best to worst; a cluster's health is its worst forwarder's. */
    public enum Status { Healthy, Progressing, Degraded, Missing, Unknown }

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Health healthy(String message) {
        return new Health(Status.Healthy, message);
    }

    public static Health progressing(String message) {
        return new Health(Status.Progressing, message);
    }

    public static Health degraded(String message) {
        return new Health(Status.Degraded, message);
    }

    public static Health missing(String message) {
        return new Health(Status.Missing, message);
    }

    public static Health unknown(String message) {
        return new Health(Status.Unknown, message);
    }

    public boolean isWorseThan(Health other) {
        return status.compareTo(other.status) > 0;
    }

    /** The worst of several; Healthy when there is nothing to judge. */
    public static Health worst(Collection<Health> all) {
        return all.stream().max(Comparator.comparing(Health::status)).orElse(healthy("no forwarders"));
    }
}

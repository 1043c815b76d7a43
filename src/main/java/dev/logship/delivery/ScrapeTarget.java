package dev.logship.delivery;

import java.util.Objects;

/**
 * One forwarder's task on one node, where a Prometheus can scrape Fluent Bit's own metrics:
 * {@code address} is {@code host:port}; {@code node} names the node (its EC2 instance id, else its
 * container instance id) and becomes the series' {@code instance} label, the node the judge names.
 */
public record ScrapeTarget(String cluster, String forwarder, String node, String address) {
    public ScrapeTarget {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(forwarder, "forwarder");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
    }
}

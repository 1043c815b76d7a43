package dev.logship.delivery;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the delivery model reads samples from: the built-in ingest ({@link SampleWindow}) or,
 * later, a reader of the user's Prometheus. Implementations answer from memory or cache; the
 * judge never waits on them for long.
 */
public interface DeliverySource {
    /** The samples of one forwarder on one cluster within the kept window, by node. */
    Map<String, List<NodeSample>> samples(String cluster, String forwarder);

    /** Every forwarder on {@code cluster} that sent anything within the kept window. */
    Set<String> forwarders(String cluster);
}

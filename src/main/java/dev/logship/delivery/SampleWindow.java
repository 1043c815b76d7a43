package dev.logship.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in ingest's memory: the last samples of each (cluster, forwarder, node) within
 * {@code keep}, at most {@value #PER_NODE} each, for at most {@code maxNodes} nodes, so neither a
 * fast reporter nor a flood of invented node names grows it without bound. A sample not newer
 * than the node's last one is a replay (or out of order) and is refused. Indexed by cluster, then
 * forwarder, then node, so reading one forwarder's samples touches only its own nodes (a judge
 * round over every cluster reads each sample once, not once per cluster); each node's samples are
 * a compact {@link NodeRing}, its labels shared ({@link Labels}).
 */
public final class SampleWindow implements DeliverySource {
    static final int PER_NODE = 64;

    /** What became of a sample handed to {@link #record}. */
    public enum Outcome { ACCEPTED, REPLAYED, TOO_MANY_NODES }

    private final Map<String, Map<String, Map<String, NodeRing>>> byCluster = new ConcurrentHashMap<>();
    private final AtomicInteger nodes = new AtomicInteger();
    private final Labels labels;
    private final Duration keep;
    private final int maxNodes;
    private final Clock clock;

    public SampleWindow(Duration keep, int maxNodes, Clock clock) {
        this.keep = keep;
        this.maxNodes = maxNodes;
        this.clock = clock;
        this.labels = new Labels(Math.max(1_000, maxNodes / 2));
    }

    public Outcome record(NodeSample sample) {
        if (nodes.get() >= maxNodes && !rings(sample.cluster(), sample.forwarder()).containsKey(sample.node())) {
            trim();
        }
        String[] routes = labels.layout(sample.routes().keySet());
        Instant oldest = clock.instant().minus(keep);
        Outcome[] outcome = {Outcome.TOO_MANY_NODES};
        // under the cluster's lock, so trim() never drops a map a sample is being added to
        byCluster.compute(labels.of(sample.cluster()), (cluster, known) -> {
            Map<String, Map<String, NodeRing>> forwarders = known == null ? new ConcurrentHashMap<>() : known;
            String forwarder = labels.of(sample.forwarder());
            Map<String, NodeRing> rings = forwarders.computeIfAbsent(forwarder, f -> new ConcurrentHashMap<>());
            NodeRing ring = rings.get(sample.node());
            if (ring == null && nodes.get() < maxNodes) {
                ring = new NodeRing(PER_NODE);
                rings.put(sample.node(), ring);
                nodes.incrementAndGet();
            }
            if (ring != null) {
                outcome[0] = ring.add(sample, routes, oldest) ? Outcome.ACCEPTED : Outcome.REPLAYED;
            } else if (rings.isEmpty()) {
                forwarders.remove(forwarder);
            }
            return forwarders.isEmpty() ? null : forwarders;
        });
        return outcome[0];
    }

    @Override
    public Map<String, List<NodeSample>> samples(String cluster, String forwarder) {
        Instant oldest = clock.instant().minus(keep);
        Map<String, List<NodeSample>> byNode = new TreeMap<>();
        rings(cluster, forwarder).forEach((node, ring) -> {
            List<NodeSample> kept = ring.samples(cluster, forwarder, node, oldest);
            if (!kept.isEmpty()) {
                byNode.put(node, kept);
            }
        });
        return byNode;
    }

    @Override
    public Set<String> forwarders(String cluster) {
        return new TreeSet<>(byCluster.getOrDefault(cluster, Map.of()).keySet());
    }

    /** One forwarder's nodes as they are kept (live: a judge reads them with {@link NodeRing#samples}). */
    Map<String, NodeRing> rings(String cluster, String forwarder) {
        return byCluster.getOrDefault(cluster, Map.of()).getOrDefault(forwarder, Map.of());
    }

    /** How far back samples count (the judge reads from {@code now - keep}). */
    Duration keep() {
        return keep;
    }

    /** Drops nodes whose newest sample is older than {@code keep} (they no longer count toward {@code maxNodes}). */
    public void trim() {
        Instant oldest = clock.instant().minus(keep);
        for (String cluster : byCluster.keySet()) {
            byCluster.computeIfPresent(cluster, (c, forwarders) -> {
                forwarders.values().forEach(rings -> rings.values().removeIf(ring -> ring.newestBefore(oldest) && gone()));
                forwarders.values().removeIf(Map::isEmpty);
                return forwarders.isEmpty() ? null : forwarders;
            });
        }
    }

    private boolean gone() {
        nodes.decrementAndGet();
        return true;
    }
}

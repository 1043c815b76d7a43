package dev.logship.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each node's last judgement, kept while it holds: until the node sends a new sample, or until
 * the judgement's own deadline passes ({@link NodeJudge#judged}: going Silent, a sample leaving
 * the window), so a round over 10,000 nodes that report every 30 s judges the few hundred that
 * moved, and time-based states (Silent, a failure that lasts the window) still come on time.
 * Used by one thread (the monitor's rounds): {@link #judge} per forwarder, then {@link #endRound}.
 */
public final class NodeVerdicts {
    private record Kept(long version, Instant until, NodeDelivery delivery) {}

    /** A forwarder's judged nodes in name order; {@code changed}: any differs from the last round's. */
    public record Nodes(List<NodeDelivery> nodes, boolean changed) {}

    private final SampleWindow window;
    private final DeliverySettings settings;
    private Map<NodeRing, Kept> kept = new IdentityHashMap<>();
    private Map<NodeRing, Kept> next = new IdentityHashMap<>();
    private Map<String, Integer> counts = new HashMap<>();
    private Map<String, Integer> nextCounts = new HashMap<>();

    public NodeVerdicts(SampleWindow window, DeliverySettings settings) {
        this.window = window;
        this.settings = settings;
    }

    public Nodes judge(String cluster, String forwarder, Instant now) {
        Instant oldest = now.minus(window.keep());
        List<NodeDelivery> nodes = new ArrayList<>();
        boolean changed = false;
        for (Map.Entry<String, NodeRing> entry : new TreeMap<>(window.rings(cluster, forwarder)).entrySet()) {
            NodeRing ring = entry.getValue();
            long version = ring.version();
            Kept last = kept.get(ring);
            if (last == null || last.version() != version || last.until() == null || now.isAfter(last.until())) {
                List<NodeSample> samples = ring.samples(cluster, forwarder, entry.getKey(), oldest);
                if (samples.isEmpty()) {
                    changed |= last != null;
                    continue;
                }
                NodeJudge.Judged judged = NodeJudge.judged(entry.getKey(), samples, now, settings);
                Instant leaves = samples.get(0).at().plus(window.keep()); // the oldest sample leaves what is read
                Instant until = judged.until() != null && judged.until().isAfter(leaves) ? leaves : judged.until();
                last = new Kept(version, until, judged.delivery());
                changed = true;
            }
            next.put(ring, last);
            nodes.add(last.delivery());
        }
        String key = cluster + "\n" + forwarder;
        Integer before = counts.get(key);
        nextCounts.put(key, nodes.size());
        changed |= before == null || before != nodes.size();
        return new Nodes(nodes, changed);
    }

    /** Forgets nodes no round asked about since the last call (gone from the window or from status). */
    public void endRound() {
        kept = next;
        next = new IdentityHashMap<>();
        counts = nextCounts;
        nextCounts = new HashMap<>();
    }
}

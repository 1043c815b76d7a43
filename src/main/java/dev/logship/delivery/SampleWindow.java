package dev.logship.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in ingest's memory: the last samples of each (cluster, forwarder, node) within
 * {@code keep}, at most {@value #PER_NODE} each, for at most {@code maxNodes} nodes, so neither a
 * fast reporter nor a flood of invented node names grows it without bound. A sample not newer
 * than the node's last one is a replay (or out of order) and is refused.
 */
public final class SampleWindow implements DeliverySource {
    static final int PER_NODE = 64;

    /** What became of a sample handed to {@link #record}. */
    public enum Outcome { ACCEPTED, REPLAYED, TOO_MANY_NODES }

    private record Key(String cluster, String forwarder, String node) {}

    private final Map<Key, Deque<NodeSample>> samples = new ConcurrentHashMap<>();
    private final Duration keep;
    private final int maxNodes;
    private final Clock clock;

    public SampleWindow(Duration keep, int maxNodes, Clock clock) {
        this.keep = keep;
        this.maxNodes = maxNodes;
        this.clock = clock;
    }

    public Outcome record(NodeSample sample) {
        Key key = new Key(sample.cluster(), sample.forwarder(), sample.node());
        if (!samples.containsKey(key) && samples.size() >= maxNodes) {
            trim();
            if (samples.size() >= maxNodes) {
                return Outcome.TOO_MANY_NODES;
            }
        }
        Deque<NodeSample> deque = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (deque) {
            if (!deque.isEmpty() && !sample.at().isAfter(deque.peekLast().at())) {
                return Outcome.REPLAYED;
            }
            deque.addLast(sample);
            Instant oldest = clock.instant().minus(keep);
            while (deque.size() > PER_NODE || deque.size() > 1 && deque.peekFirst().at().isBefore(oldest)) {
                deque.removeFirst();
            }
        }
        return Outcome.ACCEPTED;
    }

    @Override
    public Map<String, List<NodeSample>> samples(String cluster, String forwarder) {
        Instant oldest = clock.instant().minus(keep);
        Map<String, List<NodeSample>> byNode = new TreeMap<>();
        samples.forEach((key, deque) -> {
            if (key.cluster().equals(cluster) && key.forwarder().equals(forwarder)) {
                List<NodeSample> kept;
                synchronized (deque) {
                    kept = deque.stream().filter(s -> !s.at().isBefore(oldest)).toList();
                }
                if (!kept.isEmpty()) {
                    byNode.put(key.node(), kept);
                }
            }
        });
        return byNode;
    }

    @Override
    public Set<String> forwarders(String cluster) {
        Set<String> names = new TreeSet<>();
        samples.keySet().stream().filter(k -> k.cluster().equals(cluster)).forEach(k -> names.add(k.forwarder()));
        return names;
    }

    /** Drops nodes whose newest sample is older than {@code keep} (they no longer count toward {@code maxNodes}). */
    public void trim() {
        Instant oldest = clock.instant().minus(keep);
        List<Key> gone = new ArrayList<>();
        samples.forEach((key, deque) -> {
            synchronized (deque) {
                if (deque.isEmpty() || deque.peekLast().at().isBefore(oldest)) {
                    gone.add(key);
                }
            }
        });
        gone.forEach(samples::remove);
    }
}

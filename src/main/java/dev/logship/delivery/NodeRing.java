package dev.logship.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's kept samples as columns of primitives in a ring (oldest first), not an object per
 * sample: a 30 s reporter's 13 samples within {@code keep} cost about 1.5 KiB here instead of
 * about 7 KiB as {@link NodeSample}s with their maps, counters and repeated labels. Route names
 * are a shared layout per slot; the counters of slot {@code s}, route {@code r} are the five
 * longs at {@code (s * width + r) * 5}. {@link #version} counts what was added, so a judgement of
 * this node stays good until it moves (or time passes a deadline). Thread-safe.
 */
final class NodeRing {
    private static final int FIELDS = 5;

    private final int max;
    private long[] atNanos = new long[4];
    private long[] recordsIn = new long[4];
    private long[] buffered = new long[4];
    private double[] uptime = new double[4];
    private String[][] layout = new String[4][];
    private long[] counters = new long[0];
    private int width;
    private int head;
    private int size;
    private long version;

    NodeRing(int max) {
        this.max = max;
    }

    /** Adds a sample newer than the last and drops what is older than {@code oldest} (keeping one); false for a replay. */
    synchronized boolean add(NodeSample sample, String[] routes, Instant oldest) {
        long at = nanos(sample.at());
        if (size > 0 && at <= atNanos[slot(size - 1)]) {
            return false;
        }
        if (size == max) {
            dropOldest();
        } else if (size == atNanos.length) {
            grow(Math.min(max, size * 2), width);
        }
        if (routes.length > width) {
            grow(atNanos.length, routes.length);
        }
        int s = slot(size++);
        atNanos[s] = at;
        recordsIn[s] = sample.recordsIn();
        buffered[s] = sample.bufferedBytes();
        uptime[s] = sample.uptimeSeconds();
        layout[s] = routes;
        for (int r = 0; r < routes.length; r++) {
            RouteCounters c = sample.routes().get(routes[r]);
            int base = (s * width + r) * FIELDS;
            counters[base] = c.recordsOut();
            counters[base + 1] = c.errors();
            counters[base + 2] = c.retries();
            counters[base + 3] = c.retriesFailed();
            counters[base + 4] = c.dropped();
        }
        long oldestNanos = nanos(oldest);
        while (size > 1 && atNanos[head] < oldestNanos) {
            dropOldest();
        }
        version++;
        return true;
    }

    /** The samples not older than {@code oldest}, oldest first, as the judge reads them. */
    synchronized List<NodeSample> samples(String cluster, String forwarder, String node, Instant oldest) {
        long oldestNanos = nanos(oldest);
        List<NodeSample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            if (atNanos[s] >= oldestNanos) {
                Map<String, RouteCounters> routes = new TreeMap<>();
                for (int r = 0; r < layout[s].length; r++) {
                    int base = (s * width + r) * FIELDS;
                    routes.put(layout[s][r], new RouteCounters(counters[base], counters[base + 1], counters[base + 2],
                            counters[base + 3], counters[base + 4]));
                }
                out.add(new NodeSample(cluster, forwarder, node, Instant.ofEpochSecond(0, atNanos[s]), recordsIn[s], routes,
                        buffered[s], uptime[s]));
            }
        }
        return out;
    }

    synchronized boolean newestBefore(Instant oldest) {
        return size == 0 || atNanos[slot(size - 1)] < nanos(oldest);
    }

    synchronized long version() {
        return version;
    }

    private int slot(int i) {
        return (head + i) % atNanos.length;
    }

    private void dropOldest() {
        layout[head] = null;
        head = (head + 1) % atNanos.length;
        size--;
    }

    /** Copies the ring into columns of {@code capacity} slots and {@code routes} routes each, oldest at 0. */
    private void grow(int capacity, int routes) {
        long[] at = new long[capacity];
        long[] in = new long[capacity];
        long[] buf = new long[capacity];
        double[] up = new double[capacity];
        String[][] names = new String[capacity][];
        long[] count = new long[capacity * routes * FIELDS];
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            at[i] = atNanos[s];
            in[i] = recordsIn[s];
            buf[i] = buffered[s];
            up[i] = uptime[s];
            names[i] = layout[s];
            System.arraycopy(counters, s * width * FIELDS, count, i * routes * FIELDS, layout[s].length * FIELDS);
        }
        atNanos = at;
        recordsIn = in;
        buffered = buf;
        uptime = up;
        layout = names;
        counters = count;
        width = routes;
        head = 0;
    }

    /** Nanoseconds since the epoch: what OTLP carries, and a long until 2262. */
    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }
}

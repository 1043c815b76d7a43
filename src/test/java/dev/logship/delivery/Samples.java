package dev.logship.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a node's cumulative samples step by step, as Fluent Bit would report them every 10 s. */
final class Samples {
    static final Instant START = Instant.parse("2030-01-07T10:00:00Z");
    private final String node;
    private final List<NodeSample> taken = new ArrayList<>();
    private long in;
    private final Map<String, long[]> routes = new java.util.TreeMap<>();
    private int seconds;

    Samples(String node, String... routeNames) {
        this.node = node;
        for (String r : routeNames) {
            routes.put(r, new long[5]);
        }
    }

    /** Ten seconds pass: {@code in} records come in; each route gets {@code out} out and {@code errors} errors/retries. */
    Samples step(long recordsIn, long out, long errors) {
        return step(recordsIn, out, errors, 0);
    }

    Samples step(long recordsIn, long out, long errors, long dropped) {
        seconds += 10;
        in += recordsIn;
        routes.values().forEach(c -> {
            c[0] += out;
            c[1] += errors;
            c[2] += errors;
            c[4] += dropped;
        });
        Map<String, RouteCounters> counters = new java.util.TreeMap<>();
        routes.forEach((r, c) -> counters.put(r, new RouteCounters(c[0], c[1], c[2], c[3], c[4])));
        taken.add(new NodeSample("prod", "fb", node, START.plusSeconds(seconds), in, counters, 1024, seconds));
        return this;
    }

    Samples steps(int times, long recordsIn, long out, long errors) {
        for (int i = 0; i < times; i++) {
            step(recordsIn, out, errors);
        }
        return this;
    }

    List<NodeSample> list() {
        return List.copyOf(taken);
    }

    Instant now() {
        return START.plusSeconds(seconds);
    }
}

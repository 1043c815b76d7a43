package dev.logship.prometheus;

import dev.logship.delivery.NodeSample;
import dev.logship.delivery.RouteCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Prometheus's raw samples of Fluent Bit's own metrics (a range selector's matrix) into the
 * judge's {@link NodeSample}s, the same figures the built-in ingest reads from a push: one sample
 * per node and scrape, the node named by its {@code instance} label, the forwarder and cluster by
 * the labels service discovery gives every target. A scrape's series share its timestamp (Fluent
 * Bit's exposition carries none), which is how they are put back together; a scrape without
 * {@code fluentbit_uptime} is left out. Routes are outputs by their {@code name}, except
 * logship's own telemetry output; records in add up every input except the metrics input.
 */
final class FluentBitSeries implements MatrixReader.Sink {
    static final String TELEMETRY_OUTPUT = "logship_telemetry";
    static final String TELEMETRY_INPUT = "logship_metrics";
    /** The metric names the reader selects. */
    static final String NAMES = "fluentbit_uptime|fluentbit_input_records_total|fluentbit_input_storage_memory_bytes"
            + "|fluentbit_output_(proc_records|errors|retries|retries_failed|dropped_records)_total";

    private record Node(String cluster, String forwarder, String instance) {}

    /** What one scrape of one node said. */
    private static final class Scrape {
        Double uptime;
        long recordsIn;
        long buffered;
        final Map<String, long[]> routes = new TreeMap<>();
    }

    private final Map<Node, TreeMap<Long, Scrape>> byNode = new HashMap<>();

    @Override
    public void series(Map<String, String> labels, List<Long> at, List<String> values) {
        Node node = new Node(labels.getOrDefault("cluster", ""), labels.getOrDefault("forwarder", ""),
                labels.getOrDefault("instance", ""));
        if (node.cluster().isEmpty() || node.forwarder().isEmpty() || node.instance().isEmpty()) {
            return;
        }
        String metric = labels.getOrDefault("__name__", "");
        String name = labels.getOrDefault("name", "");
        TreeMap<Long, Scrape> scrapes = byNode.computeIfAbsent(node, n -> new TreeMap<>());
        for (int i = 0; i < at.size(); i++) {
            double value = parse(values.get(i));
            if (Double.isFinite(value)) {
                add(scrapes.computeIfAbsent(at.get(i), t -> new Scrape()), metric, name, value);
            }
        }
    }

    /** The samples of every series heard so far, oldest first per node. */
    List<NodeSample> samples() {
        List<NodeSample> samples = new ArrayList<>();
        byNode.forEach((node, scrapes) -> scrapes.forEach((at, s) -> {
            if (s.uptime != null) {
                Map<String, RouteCounters> routes = new TreeMap<>();
                s.routes.forEach((route, c) -> routes.put(route, new RouteCounters(c[0], c[1], c[2], c[3], c[4])));
                samples.add(new NodeSample(node.cluster(), node.forwarder(), node.instance(), Instant.ofEpochMilli(at),
                        s.recordsIn, routes, s.buffered, s.uptime));
            }
        }));
        return samples;
    }

    private static void add(Scrape scrape, String metric, String name, double value) {
        long count = (long) value;
        boolean ownInput = name.startsWith(TELEMETRY_INPUT);
        switch (metric) {
            case "fluentbit_uptime" -> scrape.uptime = value;
            case "fluentbit_input_records_total" -> scrape.recordsIn += ownInput ? 0 : count;
            case "fluentbit_input_storage_memory_bytes" -> scrape.buffered += ownInput ? 0 : count;
            case "fluentbit_output_proc_records_total" -> route(scrape, name, 0, count);
            case "fluentbit_output_errors_total" -> route(scrape, name, 1, count);
            case "fluentbit_output_retries_total" -> route(scrape, name, 2, count);
            case "fluentbit_output_retries_failed_total" -> route(scrape, name, 3, count);
            case "fluentbit_output_dropped_records_total" -> route(scrape, name, 4, count);
            default -> { }
        }
    }

    private static void route(Scrape scrape, String name, int field, long value) {
        if (!name.isEmpty() && !name.equals(TELEMETRY_OUTPUT)) {
            scrape.routes.computeIfAbsent(name, n -> new long[5])[field] = value;
        }
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

package dev.logship.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
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
final class FluentBitSeries {
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

    private FluentBitSeries() {}

    /** The samples in {@code matrix} (Prometheus's {@code data.result}), oldest first per node. */
    static List<NodeSample> samples(JsonNode matrix) {
        Map<Node, TreeMap<Long, Scrape>> byNode = new HashMap<>();
        for (JsonNode series : matrix) {
            JsonNode labels = series.path("metric");
            Node node = new Node(labels.path("cluster").asText(""), labels.path("forwarder").asText(""),
                    labels.path("instance").asText(""));
            if (node.cluster().isEmpty() || node.forwarder().isEmpty() || node.instance().isEmpty()) {
                continue;
            }
            String metric = labels.path("__name__").asText("");
            String name = labels.path("name").asText("");
            TreeMap<Long, Scrape> scrapes = byNode.computeIfAbsent(node, n -> new TreeMap<>());
            for (JsonNode point : series.path("values")) {
                long at = Math.round(point.path(0).asDouble() * 1000);
                double value = parse(point.path(1).asText());
                if (Double.isFinite(value)) {
                    add(scrapes.computeIfAbsent(at, t -> new Scrape()), metric, name, value);
                }
            }
        }
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

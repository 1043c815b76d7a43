package dev.logship.web;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.logship.delivery.NodeSample;
import dev.logship.delivery.RouteCounters;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one OTLP/HTTP metrics push of Fluent Bit's {@code fluentbit_metrics} input (decoded with
 * the OpenTelemetry project's generated messages) into the node's sample. The labels the rendered
 * telemetry output adds name it: {@code cluster}, {@code forwarder}; the node is the
 * {@code hostname} Fluent Bit puts on {@code fluentbit_uptime} (the host's, with host networking).
 * Routes are the outputs by their {@code name} label, except logship's own telemetry output;
 * records in add up every input except the metrics input.
 */
final class OtlpSamples {
    /** Aliases the rendered pipeline gives its own telemetry plugins, so they never count as a route or as input. */
    static final String TELEMETRY_OUTPUT = "logship_telemetry";
    static final String TELEMETRY_INPUT = "logship_metrics";
    static final int MAX_LABEL = 256;

    /** A push that is not a Fluent Bit metrics push logship can read; the message never quotes the body. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private OtlpSamples() {}

    static NodeSample decode(byte[] body) throws Malformed {
        ExportMetricsServiceRequest request;
        try {
            request = ExportMetricsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new Malformed("not an OTLP ExportMetricsServiceRequest");
        }
        Map<String, String> identity = new HashMap<>();
        Instant at = null;
        double uptime = 0;
        long recordsIn = 0;
        long buffered = 0;
        Map<String, long[]> routes = new TreeMap<>();
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    for (NumberDataPoint point : points(metric)) {
                        Map<String, String> labels = labels(point.getAttributesList());
                        for (String key : List.of("cluster", "forwarder", "hostname")) {
                            if (labels.containsKey(key)) {
                                identity.putIfAbsent(key, labels.get(key));
                            }
                        }
                        String name = labels.getOrDefault("name", "");
                        long value = (long) value(point);
                        switch (metric.getName()) {
                            case "fluentbit_uptime" -> {
                                uptime = value(point);
                                at = Instant.ofEpochSecond(0, point.getTimeUnixNano());
                            }
                            case "fluentbit_input_records_total" -> recordsIn += name.startsWith(TELEMETRY_INPUT) ? 0 : value;
                            case "fluentbit_input_storage_memory_bytes" -> buffered += name.startsWith(TELEMETRY_INPUT) ? 0 : value;
                            case "fluentbit_output_proc_records_total" -> route(routes, name)[0] = value;
                            case "fluentbit_output_errors_total" -> route(routes, name)[1] = value;
                            case "fluentbit_output_retries_total" -> route(routes, name)[2] = value;
                            case "fluentbit_output_retries_failed_total" -> route(routes, name)[3] = value;
                            case "fluentbit_output_dropped_records_total" -> route(routes, name)[4] = value;
                            default -> { }
                        }
                    }
                }
            }
        }
        routes.remove(TELEMETRY_OUTPUT);
        routes.remove("");
        for (String key : List.of("cluster", "forwarder", "hostname")) {
            String value = identity.get(key);
            if (value == null || value.isBlank() || value.length() > MAX_LABEL) {
                throw new Malformed("the push carries no usable '" + key + "' label");
            }
        }
        if (at == null || at.getEpochSecond() == 0) {
            throw new Malformed("the push carries no fluentbit_uptime with a time");
        }
        Map<String, RouteCounters> counters = new TreeMap<>();
        routes.forEach((route, c) -> counters.put(route, new RouteCounters(c[0], c[1], c[2], c[3], c[4])));
        return new NodeSample(identity.get("cluster"), identity.get("forwarder"), identity.get("hostname"), at, recordsIn,
                counters, buffered, uptime);
    }

    private static long[] route(Map<String, long[]> routes, String name) {
        return routes.computeIfAbsent(name, n -> new long[5]);
    }

    private static List<NumberDataPoint> points(Metric metric) {
        return switch (metric.getDataCase()) {
            case SUM -> metric.getSum().getDataPointsList();
            case GAUGE -> metric.getGauge().getDataPointsList();
            default -> List.of();
        };
    }

    private static double value(NumberDataPoint point) {
        return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
    }

    private static Map<String, String> labels(List<KeyValue> attributes) {
        Map<String, String> labels = new HashMap<>();
        attributes.forEach(kv -> labels.put(kv.getKey(), kv.getValue().getStringValue()));
        return labels;
    }
}

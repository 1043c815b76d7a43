package dev.logship.web;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.time.Instant;
import java.util.Map;

/**
 * Builds the OTLP metrics push Fluent Bit's {@code fluentbit_metrics} input and opentelemetry
 * output send (the same metric names, labels and shapes as measured from the real binary), for
 * tests and the ingest benchmark.
 */
public final class OtlpPushes {
    private OtlpPushes() {}

    /** One node's push: records in, then per route output its sent records and errors (retries equal errors). */
    public static byte[] push(String cluster, String forwarder, String node, Instant at, long recordsIn,
                              Map<String, long[]> routes) {
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
        Map<String, String> base = Map.of("cluster", cluster, "forwarder", forwarder);
        scope.addMetrics(sum("fluentbit_uptime", point(Map.of("cluster", cluster, "forwarder", forwarder, "hostname", node), at, 60)));
        scope.addMetrics(sum("fluentbit_input_records_total", point(with(base, "name", "tail.0"), at, recordsIn),
                point(with(base, "name", OtlpSamples.TELEMETRY_INPUT), at, 999)));
        scope.addMetrics(Metric.newBuilder().setName("fluentbit_input_storage_memory_bytes").setGauge(Gauge.newBuilder()
                .addDataPoints(point(with(base, "name", "tail.0"), at, 4096))).build());
        Metric.Builder out = Metric.newBuilder().setName("fluentbit_output_proc_records_total");
        Metric.Builder errors = Metric.newBuilder().setName("fluentbit_output_errors_total");
        Metric.Builder retries = Metric.newBuilder().setName("fluentbit_output_retries_total");
        Sum.Builder outSum = Sum.newBuilder().setIsMonotonic(true);
        Sum.Builder errorSum = Sum.newBuilder().setIsMonotonic(true);
        Sum.Builder retrySum = Sum.newBuilder().setIsMonotonic(true);
        routes.forEach((route, counters) -> {
            outSum.addDataPoints(point(with(base, "name", route), at, counters[0]));
            errorSum.addDataPoints(point(with(base, "name", route), at, counters[1]));
            retrySum.addDataPoints(point(with(base, "name", route), at, counters[1]));
        });
        outSum.addDataPoints(point(with(base, "name", OtlpSamples.TELEMETRY_OUTPUT), at, 12345));
        scope.addMetrics(out.setSum(outSum)).addMetrics(errors.setSum(errorSum)).addMetrics(retries.setSum(retrySum));
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(scope)).build().toByteArray();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new java.util.TreeMap<>(labels);
        copy.put(key, value);
        return copy;
    }

    private static Metric sum(String name, NumberDataPoint... points) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true);
        for (NumberDataPoint p : points) {
            sum.addDataPoints(p);
        }
        return Metric.newBuilder().setName(name).setSum(sum).build();
    }

    private static NumberDataPoint point(Map<String, String> labels, Instant at, double value) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setAsDouble(value)
                .setTimeUnixNano(at.getEpochSecond() * 1_000_000_000L + at.getNano());
        labels.forEach((k, v) -> point.addAttributes(KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v))));
        return point.build();
    }
}

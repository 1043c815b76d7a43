package dev.logship.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.time.Instant;
import java.util.List;

/**
 * The rest of what a fluentbit_metrics push carries beside the families logship reads
 * ({@code OtlpPushes} builds only those): Fluent Bit's other input, output, storage and process
 * families, per plugin instance (one input and the route plus logship's own metrics input and
 * telemetry output), so the ingest decodes a push of a real one's size, not a trimmed one.
 */
final class FluentBitFamilies {
    private static final List<String> INPUT = List.of("fluentbit_input_bytes_total", "fluentbit_input_ring_buffer_writes_total",
            "fluentbit_input_ring_buffer_retries_total", "fluentbit_input_ring_buffer_retry_failures_total",
            "fluentbit_input_storage_overlimit", "fluentbit_input_storage_chunks", "fluentbit_input_storage_chunks_up",
            "fluentbit_input_storage_chunks_down", "fluentbit_input_storage_chunks_busy", "fluentbit_input_storage_chunks_busy_bytes",
            "fluentbit_input_ingestion_paused");
    private static final List<String> OUTPUT = List.of("fluentbit_output_proc_bytes_total", "fluentbit_output_retried_records_total",
            "fluentbit_output_retries_failed_total", "fluentbit_output_dropped_records_total", "fluentbit_output_upstream_total_connections",
            "fluentbit_output_upstream_busy_connections", "fluentbit_output_chunk_available_capacity_percent",
            "fluentbit_output_latency_seconds");
    private static final List<String> PROCESS = List.of("fluentbit_build_info", "fluentbit_process_start_time_seconds",
            "fluentbit_storage_chunks", "fluentbit_storage_mem_chunks", "fluentbit_storage_fs_chunks", "fluentbit_storage_fs_chunks_up",
            "fluentbit_storage_fs_chunks_down", "fluentbit_hot_reloaded_times");

    private FluentBitFamilies() {}

    static byte[] pad(byte[] push, String cluster, String forwarder, Instant at, long value) {
        ExportMetricsServiceRequest.Builder request;
        try {
            request = ExportMetricsServiceRequest.parseFrom(push).toBuilder();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        var scope = request.getResourceMetricsBuilder(0).getScopeMetricsBuilder(0);
        INPUT.forEach(name -> scope.addMetrics(family(name, cluster, forwarder, at, value, "tail.0", "logship_metrics")));
        // the two of these logship reads (retries failed, dropped) say 0: a delivering node
        OUTPUT.forEach(name -> scope.addMetrics(family(name, cluster, forwarder, at,
                name.contains("failed") || name.contains("dropped") ? 0 : value, "http.0", "logship_telemetry")));
        PROCESS.forEach(name -> scope.addMetrics(family(name, cluster, forwarder, at, value, "")));
        return request.build().toByteArray();
    }

    private static Metric family(String name, String cluster, String forwarder, Instant at, long value, String... instances) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(name.endsWith("_total"));
        for (String instance : instances) {
            NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setAsDouble(value)
                    .setTimeUnixNano(at.getEpochSecond() * 1_000_000_000L + at.getNano());
            point.addAttributes(label("cluster", cluster)).addAttributes(label("forwarder", forwarder));
            if (!instance.isEmpty()) {
                point.addAttributes(label("name", instance));
            }
            sum.addDataPoints(point);
        }
        return Metric.newBuilder().setName(name).setSum(sum).build();
    }

    private static KeyValue label(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}

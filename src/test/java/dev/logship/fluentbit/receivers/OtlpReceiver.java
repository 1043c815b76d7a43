package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OTLP/HTTP logs endpoint: POST /v1/logs with {@code Content-Type: application/x-protobuf},
 * the collector's {@code Authorization} header (from the route's headersFrom secret), decoded by
 * the protocol's own generated classes (opentelemetry-proto) and answered with an
 * empty ExportLogsServiceResponse. Each log record is recorded as {@code body}, {@code attributes}
 * and {@code severityText}, with its resource's attributes as the target.
 */
final class OtlpReceiver extends Receiver {
    OtlpReceiver(ArrivalLog log) {
        super(Destination.OTLP, log);
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        request.requireMethod("POST");
        request.requirePath("/v1/logs");
        request.require("Content-Type", "application/x-protobuf");
        if (!DestinationSecrets.OTLP_AUTHORIZATION.equals(request.header("Authorization"))) {
            throw Refusal.of(401, "the collector requires Authorization: Bearer <token>");
        }
        ExportLogsServiceRequest export;
        try {
            export = ExportLogsServiceRequest.parseFrom(request.body());
        } catch (InvalidProtocolBufferException e) {
            throw Refusal.of(400, "not an ExportLogsServiceRequest: " + e.getMessage());
        }
        if (export.getResourceLogsCount() == 0) {
            throw Refusal.of(400, "an export without resource logs");
        }
        for (ResourceLogs resource : export.getResourceLogsList()) {
            Map<String, String> target = new TreeMap<>();
            attributes(resource.getResource().getAttributesList()).fields()
                    .forEachRemaining(e -> target.put(e.getKey(), e.getValue().asText()));
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                for (LogRecord record : scope.getLogRecordsList()) {
                    ObjectNode out = ArrivalLog.JSON.createObjectNode();
                    out.set("body", value(record.getBody()));
                    out.set("attributes", attributes(record.getAttributesList()));
                    out.put("severityText", record.getSeverityText());
                    out.put("timeUnixNano", record.getTimeUnixNano());
                    arrived(target, out);
                }
            }
        }
        return new Response(200, "application/x-protobuf", ExportLogsServiceResponse.getDefaultInstance().toByteArray());
    }

    private static ObjectNode attributes(List<KeyValue> attributes) {
        ObjectNode out = ArrivalLog.JSON.createObjectNode();
        attributes.forEach(kv -> out.set(kv.getKey(), value(kv.getValue())));
        return out;
    }

    private static JsonNode value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> ArrivalLog.JSON.getNodeFactory().textNode(value.getStringValue());
            case BOOL_VALUE -> ArrivalLog.JSON.getNodeFactory().booleanNode(value.getBoolValue());
            case INT_VALUE -> ArrivalLog.JSON.getNodeFactory().numberNode(value.getIntValue());
            case DOUBLE_VALUE -> ArrivalLog.JSON.getNodeFactory().numberNode(value.getDoubleValue());
            case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
            case ARRAY_VALUE -> {
                ArrayNode array = ArrivalLog.JSON.createArrayNode();
                value.getArrayValue().getValuesList().forEach(v -> array.add(value(v)));
                yield array;
            }
            case BYTES_VALUE -> ArrivalLog.JSON.getNodeFactory().binaryNode(value.getBytesValue().toByteArray());
            default -> ArrivalLog.JSON.getNodeFactory().nullNode();
        };
    }
}

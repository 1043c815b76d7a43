package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Our own Loki push endpoint (Loki is Go, not on Maven Central), strict about the JSON push
 * format: POST /loki/api/v1/push, {@code Content-Type: application/json}, {@code streams} each
 * with a non-empty label set whose names are valid Prometheus label names and {@code values} of
 * {@code [nanosecond timestamp string, line string]} pairs. Each line is recorded with its
 * labels (as the target); answers 204.
 */
final class LokiReceiver extends Receiver {
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern NANOS = Pattern.compile("\\d{1,19}");

    LokiReceiver(ArrivalLog log) {
        super(Destination.LOKI, log);
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        request.requireMethod("POST");
        request.requirePath("/loki/api/v1/push");
        request.require("Content-Type", "application/json");
        JsonNode streams = ArrivalLog.JSON.readTree(request.body()).path("streams");
        if (!streams.isArray() || streams.isEmpty()) {
            throw Refusal.of(400, "streams must be a non-empty array");
        }
        for (JsonNode stream : streams) {
            labels(stream.path("stream"));
            JsonNode values = stream.path("values");
            if (!values.isArray() || values.isEmpty()) {
                throw Refusal.of(400, "a stream needs values");
            }
            for (JsonNode value : values) {
                if (!value.isArray() || value.size() < 2 || !value.get(0).isTextual() || !NANOS.matcher(value.get(0).asText())
                        .matches() || !value.get(1).isTextual()) {
                    throw Refusal.of(400, "a value must be [\"<unix epoch in nanoseconds>\", \"<line>\"]: " + value);
                }
            }
        }
        for (JsonNode stream : streams) {
            Map<String, String> labels = labels(stream.path("stream"));
            for (JsonNode value : stream.path("values")) {
                arrived(labels, Records.parse(value.get(1).asText()));
            }
        }
        return new Response(204, "text/plain", new byte[0]);
    }

    private static Map<String, String> labels(JsonNode stream) throws Refusal {
        if (!stream.isObject() || stream.isEmpty()) {
            throw Refusal.of(400, "error at least one label pair is required per stream");
        }
        Map<String, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stream.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!LABEL.matcher(label.getKey()).matches() || !label.getValue().isTextual()) {
                throw Refusal.of(400, "invalid label " + label.getKey() + "=" + label.getValue());
            }
            labels.put(label.getKey(), label.getValue().asText());
        }
        return labels;
    }
}

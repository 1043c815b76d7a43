package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/**
 * Our own Datadog logs intake (HTTP API v2), strict about its documented limits: POST
 * /api/v2/logs, {@code DD-API-KEY} with the known key (403 otherwise), {@code Content-Type:
 * application/json}, a JSON array of at most 1,000 log objects, at most 5 MB uncompressed, each
 * at most 1 MB. Each log is recorded with its service, source, tags and hostname; answers 202.
 */
final class DatadogReceiver extends Receiver {
    static final int MAX_LOGS = 1_000;
    static final int MAX_PAYLOAD = 5 * 1024 * 1024;
    static final int MAX_LOG = 1024 * 1024;

    DatadogReceiver(ArrivalLog log) {
        super(Destination.DATADOG, log);
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        request.requireMethod("POST");
        request.requirePath("/api/v2/logs");
        if (!DestinationSecrets.DATADOG_API_KEY.equals(request.header("DD-API-KEY"))) {
            throw Refusal.of(403, "{\"errors\":[{\"status\":\"403\",\"title\":\"Forbidden\"}]}");
        }
        request.require("Content-Type", "application/json");
        if (request.body().length > MAX_PAYLOAD) {
            throw Refusal.of(413, "payload of " + request.body().length + " bytes is over 5 MB");
        }
        JsonNode logs = ArrivalLog.JSON.readTree(request.body());
        if (logs == null || !logs.isArray() || logs.isEmpty() || logs.size() > MAX_LOGS) {
            throw Refusal.of(400, "the body must be a JSON array of 1 to 1,000 logs");
        }
        for (JsonNode entry : logs) {
            if (!entry.isObject() || ArrivalLog.JSON.writeValueAsBytes(entry).length > MAX_LOG) {
                throw Refusal.of(400, "a log must be an object of at most 1 MB");
            }
        }
        for (JsonNode entry : logs) {
            arrived(Map.of("service", entry.path("service").asText(""), "ddsource", entry.path("ddsource").asText(""),
                    "ddtags", entry.path("ddtags").asText(""), "hostname", entry.path("hostname").asText("")), entry);
        }
        return Response.json(202, "{}");
    }
}

package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our own Splunk HTTP Event Collector, strict as HEC is: POST /services/collector/event,
 * {@code Authorization: Splunk <token>} with the known token (403 {@code Invalid token}
 * otherwise), a body of one or more JSON event objects back to back, each with an {@code event}.
 * Each event is recorded with its host, source, sourcetype and index.
 */
final class SplunkReceiver extends Receiver {
    SplunkReceiver(ArrivalLog log) {
        super(Destination.SPLUNK, log);
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        request.requireMethod("POST");
        request.requirePath("/services/collector/event");
        String authorization = request.header("Authorization");
        if (authorization == null) {
            throw Refusal.of(401, "{\"text\":\"Token is required\",\"code\":2}");
        }
        if (!authorization.equals("Splunk " + DestinationSecrets.SPLUNK_TOKEN)) {
            throw Refusal.of(403, "{\"text\":\"Invalid token\",\"code\":4}");
        }
        List<JsonNode> events = new ArrayList<>();
        try (MappingIterator<JsonNode> it = ArrivalLog.JSON.readerFor(JsonNode.class)
                .without(JsonParser.Feature.AUTO_CLOSE_SOURCE).readValues(request.body())) {
            while (it.hasNextValue()) {
                JsonNode event = it.nextValue();
                if (!event.isObject() || !event.has("event")) {
                    throw Refusal.of(400, "{\"text\":\"Event field is required\",\"code\":12}");
                }
                events.add(event);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Refusal.of(400, "{\"text\":\"Invalid data format\",\"code\":6}");
        }
        if (events.isEmpty()) {
            throw Refusal.of(400, "{\"text\":\"No data\",\"code\":5}");
        }
        for (JsonNode event : events) {
            arrived(Map.of("host", event.path("host").asText(""), "source", event.path("source").asText(""),
                    "sourcetype", event.path("sourcetype").asText(""), "index", event.path("index").asText("")),
                    event.get("event"));
        }
        return Response.json(200, "{\"text\":\"Success\",\"code\":0}");
    }
}

package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One destination's HTTP endpoint. A subclass checks a request against the destination's protocol
 * and either records what it carries and answers as the destination does, or throws a
 * {@link Refusal}; a refusal for a protocol error is logged to rejected.jsonl.
 */
abstract class Receiver implements HttpHandler {
    final Destination destination;
    final ArrivalLog log;

    Receiver(Destination destination, ArrivalLog log) {
        this.destination = destination;
        this.log = log;
    }

    /** The answer to a request the destination accepts. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        Response(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }

        static Response json(int status, String body) {
            return new Response(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    abstract Response receive(Request request) throws Refusal, IOException;

    /** The header carrying the request id the service answers with (AWS clients refuse answers without it), or null. */
    String requestIdHeader() {
        return null;
    }

    void arrived(Map<String, String> target, JsonNode record) {
        log.arrived(destination, target, record);
    }

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = receive(Request.read(exchange));
        } catch (Refusal refusal) {
            if (refusal.protocolError) {
                log.rejected(destination, refusal.status, refusal.getMessage());
            }
            response = new Response(refusal.status, refusal.contentType, refusal.body.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.rejected(destination, 500, "receiver failed: " + e);
            response = new Response(500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (requestIdHeader() != null) {
            exchange.getResponseHeaders().set(requestIdHeader(), java.util.UUID.randomUUID().toString());
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}

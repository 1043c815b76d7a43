package dev.logship.fluentbit.receivers;

import java.io.IOException;
import java.util.Map;

/**
 * Our own plain HTTP intake for Fluent Bit's http output with {@code format json_lines}: POST, a
 * body of one JSON object per line, {@code Content-Type: application/x-ndjson}, the intake's
 * token in the query. Each line is recorded with the path it was posted to.
 */
final class HttpJsonLinesReceiver extends Receiver {
    HttpJsonLinesReceiver(ArrivalLog log) {
        super(Destination.HTTP, log);
    }

    @Override
    Response receive(Request request) throws Refusal, IOException {
        request.requireMethod("POST");
        request.require("Content-Type", "application/x-ndjson");
        if (!request.rawQuery().equals("token=" + DestinationSecrets.HTTP_INTAKE_TOKEN)) {
            throw Refusal.of(401, "the intake requires ?token=<token>, got ?" + request.rawQuery());
        }
        String[] lines = request.text().split("\n");
        for (String line : lines) {
            if (!line.isBlank() && !Records.parse(line).isObject()) {
                throw Refusal.of(400, "not a JSON object per line: " + line);
            }
        }
        for (String line : lines) {
            if (!line.isBlank()) {
                arrived(Map.of("path", request.rawPath()), Records.parse(line));
            }
        }
        return Response.json(200, "{}");
    }
}

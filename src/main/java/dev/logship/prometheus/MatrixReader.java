package dev.logship.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a successful {@code /api/v1/query} answer as it arrives, one series at a time, with
 * Jackson's streaming parser: a fleet's answer is tens of megabytes, and a tree of it would hold
 * several times that in the heap. Each series goes to the sink with its labels and its samples
 * (milliseconds, value as Prometheus wrote it); vector results (one {@code value}) work too.
 */
final class MatrixReader {
    private static final JsonFactory JSON = new JsonFactory();

    /** Hears each series of the answer. */
    interface Sink {
        void series(Map<String, String> labels, List<Long> at, List<String> values);
    }

    private MatrixReader() {}

    /** Reads the answer; false when its {@code status} is not {@code success}. */
    static boolean read(InputStream body, Sink sink) throws IOException {
        boolean success = false;
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("status")) {
                    success = "success".equals(p.getText());
                } else if (field.equals("data")) {
                    data(p, sink);
                } else {
                    p.skipChildren();
                }
            }
        }
        return success;
    }

    private static void data(JsonParser p, Sink sink) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("result") && p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    series(p, sink);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void series(JsonParser p, Sink sink) throws IOException {
        Map<String, String> labels = new HashMap<>();
        List<Long> at = new ArrayList<>();
        List<String> values = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "metric" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        labels.put(name, p.getText());
                    }
                }
                case "values" -> {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        point(p, at, values);
                    }
                }
                case "value" -> point(p, at, values);
                default -> p.skipChildren();
            }
        }
        sink.series(labels, at, values);
    }

    /** One {@code [seconds, "value"]} pair; the parser stands on its opening bracket. */
    private static void point(JsonParser p, List<Long> at, List<String> values) throws IOException {
        p.nextToken();
        at.add(Math.round(p.getDoubleValue() * 1000));
        p.nextToken();
        values.add(p.getText());
        p.nextToken(); // the closing bracket
    }

    private static void expect(JsonToken token, JsonToken wanted) throws IOException {
        if (token != wanted) {
            throw new IOException("expected " + wanted + ", got " + token);
        }
    }
}

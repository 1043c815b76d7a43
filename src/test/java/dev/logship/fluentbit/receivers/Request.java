package dev.logship.fluentbit.receivers;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** One HTTP request as a receiver judges it: the raw body (what a signature covers) and the body after Content-Encoding. */
record Request(String method, String rawPath, String rawQuery, Headers headers, byte[] rawBody, byte[] body) {

    static Request read(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        byte[] body = raw;
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                body = in.readAllBytes();
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), query == null ? "" : query,
                exchange.getRequestHeaders(), raw, body);
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Fails unless the header is present and equal to {@code expected} (ignoring parameters such as charset). */
    void require(String name, String expected) throws Refusal {
        String value = header(name);
        if (value == null || !value.split(";")[0].trim().equalsIgnoreCase(expected)) {
            throw Refusal.of(400, name + " must be " + expected + ", was " + value);
        }
    }

    void requireMethod(String expected) throws Refusal {
        if (!method.equals(expected)) {
            throw Refusal.of(405, "method must be " + expected + ", was " + method);
        }
    }

    void requirePath(String expected) throws Refusal {
        if (!rawPath.equals(expected)) {
            throw Refusal.of(404, "path must be " + expected + ", was " + rawPath);
        }
    }
}

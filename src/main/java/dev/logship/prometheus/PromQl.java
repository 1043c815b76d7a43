package dev.logship.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Prometheus's HTTP API, the one call the reader needs: an instant query ({@code GET
 * /api/v1/query}), its {@code data.result} streamed series by series ({@link MatrixReader}). A failure is a {@link Failed} whose message names
 * the server by scheme, host and port and the HTTP status or Prometheus's error type, never the
 * token or the URL's user part.
 */
final class PromQl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A query that did not answer; safe to log. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusSettings settings;
    private final String base;

    PromQl(PrometheusSettings settings) {
        this.settings = settings;
        String url = settings.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Evaluates {@code promql} at {@code at}, handing each series of the answer to {@code sink} as it arrives. */
    void query(String promql, Instant at, MatrixReader.Sink sink) throws Failed, InterruptedException {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + at.toEpochMilli() / 1000.0);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        String where = PrometheusSettings.safe(settings.url());
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new Failed("Prometheus at " + where + " answered HTTP " + response.statusCode() + error(body));
                }
                if (!MatrixReader.read(body, sink)) {
                    throw new Failed("Prometheus at " + where + " answered a query without status success");
                }
            }
        } catch (IOException e) {
            throw new Failed("Prometheus at " + where + " not read: " + e.getClass().getSimpleName());
        }
    }

    /** Prometheus's own error type and message, or nothing when the body is not Prometheus's (a proxy's page). */
    private static String error(InputStream body) {
        try {
            JsonNode error = JSON.readTree(body.readNBytes(64 * 1024));
            return " " + error.path("errorType").asText("") + ": " + abbreviated(error.path("error").asText(""));
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}

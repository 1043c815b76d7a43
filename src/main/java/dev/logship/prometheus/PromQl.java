package dev.logship.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * /api/v1/query}) answering {@code data.result}. A failure is a {@link Failed} whose message names
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

    /** The result of {@code promql} evaluated at {@code at}: a JSON array of series. */
    JsonNode query(String promql, Instant at) throws Failed, InterruptedException {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + at.toEpochMilli() / 1000.0);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        String where = PrometheusSettings.safe(settings.url());
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Failed("Prometheus at " + where + " not reachable: " + e.getClass().getSimpleName());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Failed("Prometheus at " + where + " answered HTTP " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new Failed("Prometheus at " + where + " answered HTTP " + response.statusCode() + " "
                    + body.path("errorType").asText("") + ": " + abbreviated(body.path("error").asText("")));
        }
        return body.path("data").path("result");
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}

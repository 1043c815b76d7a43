package dev.logship.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where serve reads delivery from when the user runs Prometheus: its base URL (the HTTP API is
 * under {@code /api/v1}), an optional bearer token (never printed), the delivery window (how long
 * output may fail before DeliveryFailing) and how often to read ({@code every}).
 */
public record PrometheusSettings(URI url, String token, Duration window, Duration every) {
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(10);

    public PrometheusSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(every, "every");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--prometheus-url must be an http or https URL such as http://prometheus:9090, got "
                    + (url.getScheme() == null || url.getHost() == null ? "one without a scheme and host" : safe(url)));
        }
        token = token == null || token.isBlank() ? null : token.strip();
    }

    public static PrometheusSettings of(URI url, String token, Duration window) {
        return new PrometheusSettings(url, token, window, DEFAULT_EVERY);
    }

    /** The URL as logs and errors may show it: scheme, host and port only (no user, password or query). */
    public static String safe(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "PrometheusSettings[url=" + safe(url) + ", token=" + (token == null ? "none" : "****") + ", window=" + window
                + ", every=" + every + "]";
    }
}

package dev.logship.web;

import java.time.Duration;
import java.util.Objects;

/**
 * The telemetry ingest: the bearer token every push must carry (per installation), the largest
 * body taken, and how many pushes one node may make per minute (a burst of the same size);
 * one source address may make ten nodes' worth, so a node behind a shared address still gets in.
 * {@code window}: how long output may fail before a forwarder is DeliveryFailing (and Silent).
 */
public record IngestSettings(String token, long maxBodyBytes, int pushesPerMinute, Duration window) {
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_PUSHES_PER_MINUTE = 30;

    public IngestSettings {
        Objects.requireNonNull(window, "window");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the ingest needs a token (--ingest-token, LOGSHIP_INGEST_TOKEN or --ingest-token-file)");
        }
        if (maxBodyBytes < 1024 || pushesPerMinute < 1) {
            throw new IllegalArgumentException("the ingest body limit must be at least 1 KiB and the rate at least 1 a minute");
        }
    }

    public static IngestSettings of(String token, Duration window) {
        return new IngestSettings(token, DEFAULT_MAX_BODY_BYTES, DEFAULT_PUSHES_PER_MINUTE, window);
    }

    @Override
    public String toString() {
        return "IngestSettings[token=****, maxBodyBytes=" + maxBodyBytes + ", pushesPerMinute=" + pushesPerMinute
                + ", window=" + window + "]";
    }
}

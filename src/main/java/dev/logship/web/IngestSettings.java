package dev.logship.web;

import dev.logship.model.AddressRange;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The telemetry ingest: the bearer token every push must carry (per installation), the largest
 * body taken, and how many pushes one node may make per minute (a burst of the same size);
 * one source address may make {@code pushesPerAddress} a minute (default ten nodes' worth, so a
 * few nodes behind a shared address still get in). {@code trustedProxies}: CIDR blocks of load
 * balancers whose {@code X-Forwarded-For} names the client ({@link ClientAddress}), so a fleet
 * behind an ALB is limited per node address, not as one address.
 * {@code window}: how long output may fail before a forwarder is DeliveryFailing (and Silent).
 */
public record IngestSettings(String token, long maxBodyBytes, int pushesPerMinute, Duration window, int pushesPerAddress,
                             List<String> trustedProxies) {
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_PUSHES_PER_MINUTE = 30;

    public IngestSettings {
        Objects.requireNonNull(window, "window");
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxies.forEach(AddressRange::parse); // a bad block fails at start, naming itself
        if (pushesPerAddress < 1) {
            throw new IllegalArgumentException("the ingest's pushes per source address must be at least 1 a minute");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the ingest needs a token (--ingest-token, LOGSHIP_INGEST_TOKEN or --ingest-token-file)");
        }
        if (maxBodyBytes < 1024 || pushesPerMinute < 1) {
            throw new IllegalArgumentException("the ingest body limit must be at least 1 KiB and the rate at least 1 a minute");
        }
    }

    public IngestSettings(String token, long maxBodyBytes, int pushesPerMinute, Duration window) {
        this(token, maxBodyBytes, pushesPerMinute, window, pushesPerMinute * 10, List.of());
    }

    public static IngestSettings of(String token, Duration window) {
        return new IngestSettings(token, DEFAULT_MAX_BODY_BYTES, DEFAULT_PUSHES_PER_MINUTE, window);
    }

    /** With {@code perMinute} pushes a minute per source address (null: keep) and these trusted proxies. */
    public IngestSettings withAddresses(Integer perMinute, List<String> proxies) {
        return new IngestSettings(token, maxBodyBytes, pushesPerMinute, window, perMinute == null ? pushesPerAddress : perMinute,
                proxies);
    }

    @Override
    public String toString() {
        return "IngestSettings[token=****, maxBodyBytes=" + maxBodyBytes + ", pushesPerMinute=" + pushesPerMinute
                + ", window=" + window + ", pushesPerAddress=" + pushesPerAddress + ", trustedProxies=" + trustedProxies + "]";
    }
}

package dev.logship.reliability;

import java.util.List;
import java.util.Map;

/**
 * Distinctive secret values for the flows: none of them may ever show up in anything logship
 * writes or serves. The route's host and port are the secret part of a route URI.
 */
final class Secrets {
    static final String ROUTE_HOST = "rt-reliab-5e1b.papertrailapp.com";
    static final String ROUTE = "syslog+tls://" + ROUTE_HOST + ":41234";
    static final String WEBHOOK_SECRET = "whsec-RELIAB-7f3a9c";
    static final String GIT_TOKEN = "gittok-RELIAB-c41d02";
    static final String API_TOKEN = "apitok-RELIAB-88e2f1";

    private Secrets() {}

    /** The environment serve reads its secrets from (LOGSHIP_* for every long option). */
    static Map<String, String> environment() {
        return Map.of("LOGSHIP_WEBHOOK_SECRET", WEBHOOK_SECRET, "LOGSHIP_GIT_TOKEN", GIT_TOKEN, "LOGSHIP_API_TOKEN", API_TOKEN);
    }

    /**
     * Substrings to scan for: the route's host (alone, so a partly masked URI still counts) and
     * each secret. Not the port: five digits turn up in timestamps.
     */
    static List<String> needles() {
        return List.of(ROUTE_HOST, WEBHOOK_SECRET, GIT_TOKEN, API_TOKEN);
    }

    /** Which needles occur in {@code text} (empty when none). */
    static List<String> foundIn(String text) {
        return needles().stream().filter(text::contains).toList();
    }
}

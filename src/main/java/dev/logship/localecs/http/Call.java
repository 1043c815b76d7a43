package dev.logship.localecs.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One ECS request: the action, its JSON body, the caller's region, the time it is served at, and
 * the account it counts against (from its access key; null when not known, e.g. in unit tests).
 */
public record Call(String action, JsonNode body, String region, long now, String account) {
    public Call(String action, JsonNode body, String region, long now) {
        this(action, body, region, now, null);
    }
}

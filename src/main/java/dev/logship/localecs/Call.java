package dev.logship.localecs;

import com.fasterxml.jackson.databind.JsonNode;

/** One ECS request: the action, its JSON body, the caller's region and the time it is served at. */
public record Call(String action, JsonNode body, String region, long now) {
}

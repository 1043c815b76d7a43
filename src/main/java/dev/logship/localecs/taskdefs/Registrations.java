package dev.logship.localecs.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;

/**
 * The checks RegisterTaskDefinition and RegisterDaemonTaskDefinition share, with ECS's own
 * messages: a family of up to 255 letters, digits, hyphens and underscores, and at least one
 * container definition.
 */
public final class Registrations {
    private Registrations() {}

    /** The request's family, once the family and the container list pass ECS's checks (else an EcsError). */
    public static String checkedFamily(JsonNode body) {
        String family = Json.required(body, "family");
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw EcsError.client("Family contains invalid characters: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        JsonNode containers = body.get("containerDefinitions");
        if (containers == null || !containers.isArray() || containers.isEmpty()) {
            throw EcsError.client("Container list cannot be empty.");
        }
        return family;
    }
}

package dev.logship.localecs.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.http.Json;

/** Which task definitions ECS judges by container health: services and managed daemons ask the same question. */
public final class HealthChecks {
    private HealthChecks() {}

    /** True when an essential container (essential unless it says false) of this task definition has a health check. */
    public static boolean checksEssential(JsonNode taskDefinition) {
        for (JsonNode container : taskDefinition == null ? Json.array() : taskDefinition.path("containerDefinitions")) {
            if (container.has("healthCheck") && container.path("essential").asBoolean(true)) {
                return true;
            }
        }
        return false;
    }
}

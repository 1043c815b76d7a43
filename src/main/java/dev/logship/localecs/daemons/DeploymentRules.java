package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.http.EcsError;

/** DaemonDeploymentConfiguration as the service model bounds it. */
final class DeploymentRules {
    /** Used when a daemon says no drainPercent; the service model documents no default. */
    static final double DEFAULT_DRAIN_PERCENT = 25.0;

    private DeploymentRules() {
    }

    static void check(JsonNode config) {
        if (config == null || config.isNull()) {
            return;
        }
        JsonNode drain = config.get("drainPercent");
        if (drain != null && (!drain.isNumber() || drain.asDouble() < 0 || drain.asDouble() > 100)) {
            throw EcsError.invalid("drainPercent must be between 0.0 and 100.0.");
        }
        JsonNode bake = config.get("bakeTimeInMinutes");
        if (bake != null && (!bake.canConvertToInt() || bake.asInt() < 0)) {
            throw EcsError.invalid("bakeTimeInMinutes must be 0 or more.");
        }
        JsonNode alarms = config.get("alarms");
        if (alarms != null && alarms.path("enable").asBoolean() && alarms.path("alarmNames").isEmpty()) {
            throw EcsError.invalid("alarmNames must be specified when alarms are enabled.");
        }
    }

    static double drainPercent(JsonNode config) {
        JsonNode drain = config == null ? null : config.get("drainPercent");
        return drain == null || drain.isNull() ? DEFAULT_DRAIN_PERCENT : drain.asDouble();
    }

    static int bakeMinutes(JsonNode config) {
        return config == null ? 0 : config.path("bakeTimeInMinutes").asInt(0);
    }
}

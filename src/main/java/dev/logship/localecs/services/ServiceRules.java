package dev.logship.localecs.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;

/** The checks ECS makes on CreateService and UpdateService, and its deployment defaults. */
final class ServiceRules {

    void checkCreate(JsonNode body, String strategy) {
        if (!strategy.equals("REPLICA") && !strategy.equals("DAEMON")) {
            throw EcsError.invalid("schedulingStrategy must be REPLICA or DAEMON.");
        }
        String launchType = Json.text(body, "launchType");
        if (launchType != null && !launchType.equals("EC2")) {
            throw EcsError.invalid("local-ecs supports the EC2 launch type only, got " + launchType + ".");
        }
        if (strategy.equals("DAEMON")) {
            checkDaemon(body);
        } else {
            Integer desired = Json.integer(body, "desiredCount");
            if (desired == null) {
                throw EcsError.invalid("desiredCount must be specified for REPLICA services.");
            }
            if (desired < 0) {
                throw EcsError.invalid("desiredCount must be >= 0.");
            }
        }
        checkPercents(body.get("deploymentConfiguration"));
    }

    void checkUpdate(JsonNode body, ServiceState s) {
        String strategy = Json.text(body, "schedulingStrategy");
        if (strategy != null && !strategy.equals(s.schedulingStrategy)) {
            throw EcsError.invalid("The scheduling strategy of a service cannot be changed.");
        }
        if (s.daemon()) {
            checkDaemon(body);
        } else if (body.hasNonNull("desiredCount") && body.get("desiredCount").asInt() < 0) {
            throw EcsError.invalid("desiredCount must be >= 0.");
        }
        checkPercents(body.get("deploymentConfiguration"));
    }

    private static void checkDaemon(JsonNode body) {
        if (body.hasNonNull("desiredCount")) {
            throw EcsError.invalid("The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again");
        }
        JsonNode strategies = body.get("placementStrategy");
        if (strategies != null && strategies.isArray() && !strategies.isEmpty()) {
            throw EcsError.invalid("The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again");
        }
        JsonNode config = body.get("deploymentConfiguration");
        if (config != null && config.hasNonNull("maximumPercent") && config.get("maximumPercent").asInt() > 100) {
            throw EcsError.invalid("The daemon scheduling strategy does not support a maximumPercent greater than 100.");
        }
    }

    private static void checkPercents(JsonNode config) {
        if (config == null || config.isNull()) {
            return;
        }
        if (config.hasNonNull("minimumHealthyPercent") && config.hasNonNull("maximumPercent")
                && config.get("minimumHealthyPercent").asInt() > config.get("maximumPercent").asInt()) {
            throw EcsError.invalid("The minimumHealthyPercent cannot be greater than the maximumPercent.");
        }
    }

    /** The request's deployment configuration with ECS's defaults filled in (REPLICA 200/100, DAEMON 100/0). */
    static ObjectNode deploymentConfiguration(JsonNode requested, String strategy) {
        boolean daemon = strategy.equals("DAEMON");
        ObjectNode out = Json.object();
        out.putObject("deploymentCircuitBreaker").put("enable", false).put("rollback", false);
        out.put("maximumPercent", daemon ? 100 : 200);
        out.put("minimumHealthyPercent", daemon ? 0 : 100);
        if (requested != null && requested.isObject()) {
            requested.fields().forEachRemaining(f -> out.set(f.getKey(), f.getValue().deepCopy()));
        }
        return out;
    }
}

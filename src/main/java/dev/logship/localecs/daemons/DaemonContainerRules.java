package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.http.EcsError;
import java.util.List;

/**
 * The service model's rules for a daemon task definition's containers and volumes: required
 * members and enums (botocore 1.43.11, shapes DaemonContainerDefinition).
 */
final class DaemonContainerRules {
    static final List<String> LOG_DRIVERS = List.of("json-file", "syslog", "journald", "gelf", "fluentd", "awslogs",
            "splunk", "awsfirelens");
    static final List<String> ULIMITS = List.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    static final List<String> CONDITIONS = List.of("START", "COMPLETE", "SUCCESS", "HEALTHY");

    private DaemonContainerRules() {
    }

    static void check(JsonNode containers) {
        for (JsonNode c : containers) {
            require(c, "image", "containerDefinitions");
            String where = "container " + c.path("name").asText(c.path("image").asText());
            JsonNode log = c.get("logConfiguration");
            if (log != null) {
                require(log, "logDriver", where + " logConfiguration");
                oneOf(log.get("logDriver").asText(), LOG_DRIVERS, where + " logConfiguration.logDriver");
            }
            JsonNode firelens = c.get("firelensConfiguration");
            if (firelens != null) {
                require(firelens, "type", where + " firelensConfiguration");
                oneOf(firelens.get("type").asText(), List.of("fluentd", "fluentbit"), where + " firelensConfiguration.type");
            }
            for (JsonNode u : c.path("ulimits")) {
                require(u, "name", where + " ulimits");
                require(u, "softLimit", where + " ulimits");
                require(u, "hardLimit", where + " ulimits");
                oneOf(u.get("name").asText(), ULIMITS, where + " ulimits.name");
            }
            for (JsonNode d : c.path("dependsOn")) {
                require(d, "containerName", where + " dependsOn");
                require(d, "condition", where + " dependsOn");
                oneOf(d.get("condition").asText(), CONDITIONS, where + " dependsOn.condition");
            }
            for (JsonNode s : c.path("secrets")) {
                require(s, "name", where + " secrets");
                require(s, "valueFrom", where + " secrets");
            }
            for (JsonNode f : c.path("environmentFiles")) {
                require(f, "value", where + " environmentFiles");
                oneOf(f.path("type").asText(), List.of("s3"), where + " environmentFiles.type");
            }
            if (c.has("healthCheck")) {
                require(c.get("healthCheck"), "command", where + " healthCheck");
            }
            if (c.has("restartPolicy")) {
                require(c.get("restartPolicy"), "enabled", where + " restartPolicy");
            }
        }
    }

    private static void require(JsonNode node, String field, String where) {
        if (!node.hasNonNull(field)) {
            throw EcsError.client(where + ": " + field + " must be specified.");
        }
    }

    private static void oneOf(String value, List<String> allowed, String where) {
        if (!allowed.contains(value)) {
            throw EcsError.of("InvalidParameterException", where + ": '" + value + "' is not one of " + allowed + ".");
        }
    }
}

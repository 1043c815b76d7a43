package dev.logship.render;

import dev.logship.model.DaemonSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A managedDaemon forwarder as the AWS API's JSON shapes of RegisterDaemonTaskDefinition and
 * CreateDaemon (as {@link CliInputJson} does for services). A daemon task definition has no
 * compatibilities or network mode; capacity providers are printed as Git names them (CreateDaemon
 * takes ARNs: logship resolves names at apply time).
 */
public final class CliDaemonJson {
    private CliDaemonJson() {}

    public static Map<String, Object> registerDaemonTaskDefinition(TaskDefinitionSpec spec, boolean maskSecrets) {
        Map<String, Object> input = CliInputJson.registerTaskDefinition(spec, maskSecrets);
        input.remove("requiresCompatibilities");
        // A daemon container definition has no port mappings (nor does logship render any for a daemon).
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> containers = (List<Map<String, Object>>) input.get("containerDefinitions");
        containers.forEach(c -> c.remove("portMappings"));
        return input;
    }

    public static Map<String, Object> createDaemon(DaemonSpec spec, String cluster, String daemonTaskDefinition) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("daemonName", spec.daemonName());
        input.put("clusterArn", cluster);
        input.put("daemonTaskDefinitionArn", daemonTaskDefinition);
        input.put("capacityProviderArns", spec.capacityProviders());
        Map<String, Object> deployment = new LinkedHashMap<>();
        if (spec.drainPercent() != null) {
            deployment.put("drainPercent", spec.drainPercent());
        }
        if (spec.bakeTimeMinutes() != null) {
            deployment.put("bakeTimeInMinutes", spec.bakeTimeMinutes());
        }
        if (!spec.alarmNames().isEmpty()) {
            Map<String, Object> alarms = new LinkedHashMap<>();
            alarms.put("alarmNames", spec.alarmNames());
            alarms.put("enable", spec.alarmRollback());
            deployment.put("alarms", alarms);
        }
        if (!deployment.isEmpty()) {
            input.put("deploymentConfiguration", deployment);
        }
        input.put("propagateTags", "DAEMON");
        List<Map<String, Object>> tags = new ArrayList<>();
        spec.tags().forEach((k, v) -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("key", k);
            tag.put("value", v);
            tags.add(tag);
        });
        input.put("tags", tags);
        return input;
    }
}

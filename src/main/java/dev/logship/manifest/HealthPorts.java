package dev.logship.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two forwarders with a health check on one cluster and the same {@code spec.healthCheck.port}:
 * both run on every node with host networking, so the second Fluent Bit cannot listen (it logs
 * "could not start HTTP server" and runs on) and its container check asks the other one. Reported
 * once per later forwarder, at its file, naming the first.
 */
final class HealthPorts {
    private HealthPorts() {}

    static void shared(List<ForwarderManifest> forwarders, Map<String, List<String>> targets, List<Problem> problems) {
        Map<String, ForwarderManifest> byClusterAndPort = new HashMap<>();
        for (ForwarderManifest forwarder : forwarders) {
            HealthProbe probe = forwarder.agent().health();
            if (probe == null) {
                continue;
            }
            for (String cluster : targets.getOrDefault(forwarder.name(), List.of())) {
                ForwarderManifest first = byClusterAndPort.putIfAbsent(cluster + "/" + probe.port(), forwarder);
                if (first != null) {
                    problems.add(forwarder.position().problem("spec.healthCheck.port", "health check port " + probe.port()
                            + " on Cluster \"" + cluster + "\" is already used by LogForwarder \"" + first.name() + "\" ("
                            + first.position().file() + ":" + first.position().line() + "); the second Fluent Bit on a node"
                            + " could not listen: set spec.healthCheck.port to another port"));
                    break;
                }
            }
        }
    }
}

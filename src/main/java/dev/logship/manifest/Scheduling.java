package dev.logship.manifest;

import java.util.Arrays;
import java.util.List;

/** How a forwarder gets one task per node (or per instance of its capacity providers). */
public enum Scheduling {
    /** ECS DAEMON strategy: ECS itself runs one task on every node. */
    DAEMON("daemon"),
    /** The 2016 trick: a REPLICA service with a fixed hostPort, desiredCount = active nodes. */
    PER_NODE_PORT("perNodePort"),
    /** ECS managed daemon: a daemon (not a service) on Managed Instances capacity providers. */
    MANAGED_DAEMON("managedDaemon");

    private final String yamlName;

    Scheduling(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    static List<String> yamlNames() {
        return Arrays.stream(values()).map(Scheduling::yamlName).toList();
    }

    static Scheduling fromYaml(String name) {
        return Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst().orElse(null);
    }
}

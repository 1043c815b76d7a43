package dev.logship.testkit;

/**
 * The smallest valid manifests (a Cluster, a LogForwarder with one syslog route) as YAML text,
 * for tests that need a repository with something in it rather than a particular fleet (one
 * {@link Fleet} builds).
 */
public final class Manifests {
    private Manifests() {}

    /** A Cluster named {@code name} for the ECS cluster {@code clusterName} in us-east-1. */
    public static String cluster(String name, String clusterName) {
        return ClusterManifest.named(name).clusterName(clusterName).yaml();
    }

    /** A LogForwarder named {@code name} with one syslog+tls route. */
    public static String forwarder(String name) {
        return ForwarderManifest.named(name, "syslog+tls://logs.example.com:514").yaml();
    }
}

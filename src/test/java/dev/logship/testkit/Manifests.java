package dev.logship.testkit;

/**
 * The smallest valid manifests (a Cluster, a LogForwarder with one syslog route) as YAML text,
 * for tests that need a repository with something in it rather than a particular fleet.
 */
public final class Manifests {
    private Manifests() {}

    /** A Cluster named {@code name} for the ECS cluster {@code clusterName} in us-east-1. */
    public static String cluster(String name, String clusterName) {
        return "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: " + name + "\nspec:\n  clusterName: "
                + clusterName + "\n  region: us-east-1\n";
    }

    /** A LogForwarder named {@code name} with one syslog+tls route. */
    public static String forwarder(String name) {
        return "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: " + name
                + "\nspec:\n  routes:\n    - syslog+tls://logs.example.com:514\n";
    }
}

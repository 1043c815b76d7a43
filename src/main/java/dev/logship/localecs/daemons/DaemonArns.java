package dev.logship.localecs.daemons;

/**
 * ARNs of capacity providers and of the daemon resources. The daemon formats are not shown in
 * the service model; they follow the shape of ECS's other cluster-scoped ARNs.
 */
final class DaemonArns {
    private final String account;

    DaemonArns(String account) {
        this.account = account;
    }

    String capacityProvider(String region, String name) {
        return prefix(region) + "capacity-provider/" + name;
    }

    String taskDefinition(String region, String family, int revision) {
        return prefix(region) + "daemon-task-definition/" + family + ":" + revision;
    }

    String daemon(String clusterArn, String name) {
        return prefix(region(clusterArn)) + "daemon/" + clusterName(clusterArn) + "/" + name;
    }

    String revision(String clusterArn, String daemonName, String id) {
        return prefix(region(clusterArn)) + "daemon-revision/" + clusterName(clusterArn) + "/" + daemonName + "/" + id;
    }

    String deployment(String clusterArn, String daemonName, String id) {
        return prefix(region(clusterArn)) + "daemon-deployment/" + clusterName(clusterArn) + "/" + daemonName + "/" + id;
    }

    String role(String name) {
        return "arn:aws:iam::" + account + ":role/" + name;
    }

    String root() {
        return "arn:aws:iam::" + account + ":root";
    }

    static String region(String arn) {
        return arn.split(":", 6)[3];
    }

    static String clusterName(String clusterArn) {
        return clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
    }

    private String prefix(String region) {
        return "arn:aws:ecs:" + region + ":" + account + ":";
    }
}

package dev.logship.aws;

import java.util.Map;

/**
 * ECS's documented per-account-region API rate-limit buckets, with their burst and sustained
 * rates (requests per second), and which actions draw from which bucket.
 */
public enum ApiBucket {
    SERVICE_MODIFY(50, 5),
    SERVICE_READ(100, 20),
    TASK_DEFINITION_MODIFY(20, 1),
    TASK_DEFINITION_READ(50, 20),
    TASK_DEFINITION_DELETE(5, 1),
    CLUSTER_READ(50, 20),
    TAG_MODIFY(20, 10),
    TAG_READ(50, 20),
    /** Daemon buckets: not in ECS's documentation yet; sized as their service siblings (docs/plan-apply.md). */
    DAEMON_MODIFY(50, 5),
    DAEMON_READ(100, 20),
    DAEMON_TASK_DEFINITION_MODIFY(20, 1),
    DAEMON_TASK_DEFINITION_READ(50, 20);

    private final int burst;
    private final int perSecond;

    ApiBucket(int burst, int perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    public int burst() {
        return burst;
    }

    public int perSecond() {
        return perSecond;
    }

    private static final Map<String, ApiBucket> BY_ACTION = Map.ofEntries(
            Map.entry("CreateService", SERVICE_MODIFY),
            Map.entry("UpdateService", SERVICE_MODIFY),
            Map.entry("DeleteService", SERVICE_MODIFY),
            Map.entry("DescribeServices", SERVICE_READ),
            Map.entry("ListServices", SERVICE_READ),
            Map.entry("RegisterTaskDefinition", TASK_DEFINITION_MODIFY),
            Map.entry("DeregisterTaskDefinition", TASK_DEFINITION_MODIFY),
            Map.entry("DeleteTaskDefinitions", TASK_DEFINITION_DELETE),
            Map.entry("DescribeTaskDefinition", TASK_DEFINITION_READ),
            Map.entry("ListTaskDefinitions", TASK_DEFINITION_READ),
            Map.entry("ListTaskDefinitionFamilies", TASK_DEFINITION_READ),
            Map.entry("DescribeClusters", CLUSTER_READ),
            Map.entry("ListClusters", CLUSTER_READ),
            Map.entry("ListContainerInstances", CLUSTER_READ),
            Map.entry("DescribeContainerInstances", CLUSTER_READ),
            Map.entry("TagResource", TAG_MODIFY),
            Map.entry("UntagResource", TAG_MODIFY),
            Map.entry("ListTagsForResource", TAG_READ),
            Map.entry("CreateDaemon", DAEMON_MODIFY),
            Map.entry("UpdateDaemon", DAEMON_MODIFY),
            Map.entry("DeleteDaemon", DAEMON_MODIFY),
            Map.entry("DescribeDaemon", DAEMON_READ),
            Map.entry("ListDaemons", DAEMON_READ),
            Map.entry("ListDaemonDeployments", DAEMON_READ),
            Map.entry("DescribeDaemonDeployments", DAEMON_READ),
            Map.entry("DescribeDaemonRevisions", DAEMON_READ),
            Map.entry("RegisterDaemonTaskDefinition", DAEMON_TASK_DEFINITION_MODIFY),
            Map.entry("DeleteDaemonTaskDefinition", DAEMON_TASK_DEFINITION_MODIFY),
            Map.entry("DescribeDaemonTaskDefinition", DAEMON_TASK_DEFINITION_READ),
            Map.entry("ListDaemonTaskDefinitions", DAEMON_TASK_DEFINITION_READ));

    /** The bucket an action draws from; actions ECS documents no bucket for share the cluster-read one. */
    public static ApiBucket forAction(String action) {
        return BY_ACTION.getOrDefault(action, CLUSTER_READ);
    }
}

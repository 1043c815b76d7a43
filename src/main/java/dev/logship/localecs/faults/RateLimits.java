package dev.logship.localecs.faults;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECS's documented per-account, per-Region API token buckets (burst, sustained per second):
 * each (account, region) has its own set, so accounts add budget in parallel as in ECS. A time
 * scale above 1 refills them faster so benchmarks keep the shape but run quicker.
 */
public final class RateLimits {
    /** A named bucket: two buckets with the same numbers are still separate budgets. */
    private record Limit(String name, long burst, long perSecond) {
    }

    private static final Limit SERVICE_MODIFY = new Limit("service modify", 50, 5);
    private static final Limit SERVICE_READ = new Limit("service read", 100, 20);
    private static final Limit TASK_DEFINITION_MODIFY = new Limit("task definition modify", 20, 1);
    private static final Limit TASK_DEFINITION_READ = new Limit("task definition read", 50, 20);
    private static final Limit TASK_DEFINITION_DELETE = new Limit("task definition delete", 5, 1);
    private static final Limit TAG_MODIFY = new Limit("tag modify", 20, 10);
    private static final Limit TAG_READ = new Limit("tag read", 50, 20);
    private static final Limit CLUSTER_READ = new Limit("cluster read", 50, 20);
    // Daemon actions: ECS documents no buckets for them yet; each family gets its own bucket
    // with its service or task-definition sibling's numbers (see docs/plan-apply.md).
    private static final Limit DAEMON_MODIFY = new Limit("daemon modify", 50, 5);
    private static final Limit DAEMON_READ = new Limit("daemon read", 100, 20);
    private static final Limit DAEMON_TASK_DEFINITION_MODIFY = new Limit("daemon task definition modify", 20, 1);
    private static final Limit DAEMON_TASK_DEFINITION_READ = new Limit("daemon task definition read", 50, 20);
    /** Actions not in the list above share a generous bucket so they cannot starve the rest. */
    private static final Limit OTHER = new Limit("other", 100, 40);

    private static final Map<String, Limit> BY_ACTION = Map.ofEntries(
            Map.entry("CreateService", SERVICE_MODIFY), Map.entry("UpdateService", SERVICE_MODIFY),
            Map.entry("DeleteService", SERVICE_MODIFY),
            Map.entry("DescribeServices", SERVICE_READ), Map.entry("ListServices", SERVICE_READ),
            Map.entry("RegisterTaskDefinition", TASK_DEFINITION_MODIFY),
            Map.entry("DeregisterTaskDefinition", TASK_DEFINITION_MODIFY),
            Map.entry("DescribeTaskDefinition", TASK_DEFINITION_READ),
            Map.entry("ListTaskDefinitions", TASK_DEFINITION_READ),
            Map.entry("ListTaskDefinitionFamilies", TASK_DEFINITION_READ),
            Map.entry("DeleteTaskDefinitions", TASK_DEFINITION_DELETE),
            Map.entry("TagResource", TAG_MODIFY), Map.entry("UntagResource", TAG_MODIFY),
            Map.entry("ListTagsForResource", TAG_READ),
            Map.entry("DescribeClusters", CLUSTER_READ), Map.entry("ListClusters", CLUSTER_READ),
            Map.entry("CreateDaemon", DAEMON_MODIFY), Map.entry("UpdateDaemon", DAEMON_MODIFY),
            Map.entry("DeleteDaemon", DAEMON_MODIFY),
            Map.entry("DescribeDaemon", DAEMON_READ), Map.entry("ListDaemons", DAEMON_READ),
            Map.entry("ListDaemonDeployments", DAEMON_READ), Map.entry("DescribeDaemonDeployments", DAEMON_READ),
            Map.entry("DescribeDaemonRevisions", DAEMON_READ),
            Map.entry("RegisterDaemonTaskDefinition", DAEMON_TASK_DEFINITION_MODIFY),
            Map.entry("DeleteDaemonTaskDefinition", DAEMON_TASK_DEFINITION_MODIFY),
            Map.entry("DescribeDaemonTaskDefinition", DAEMON_TASK_DEFINITION_READ),
            Map.entry("ListDaemonTaskDefinitions", DAEMON_TASK_DEFINITION_READ));

    private final double timeScale;
    /** Whose budget a bucket is: ECS limits per account and Region. */
    private record Key(String account, String region, Limit limit) {
    }

    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile boolean enabled;

    public RateLimits(boolean enabled, double timeScale) {
        this.enabled = enabled;
        this.timeScale = timeScale;
    }

    public void setEnabled(boolean on) {
        if (on && !enabled) {
            buckets.clear();
        }
        enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /** True when the call may proceed in that account and region; false means answer with ThrottlingException. */
    public boolean tryAcquire(String account, String region, String action) {
        if (!enabled) {
            return true;
        }
        Limit limit = BY_ACTION.getOrDefault(action, OTHER);
        return buckets.computeIfAbsent(new Key(account, region, limit), k -> bucket(k.limit())).tryConsume(1);
    }

    public void reset() {
        buckets.clear();
    }

    private Bucket bucket(Limit limit) {
        Duration period = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000L / timeScale)));
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.burst()).refillGreedy(limit.perSecond(), period))
                .build();
    }
}

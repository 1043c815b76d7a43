package dev.logship.sync;

import dev.logship.model.ClusterTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One lock per task definition family per account and region, shared by every cluster one
 * {@link ClusterSynchronizer} syncs. Clusters synced in parallel that need the same new
 * content must not each register it: the second waits, then finds the first's revision, so
 * clusters with equal content share one revision however many run at once.
 */
final class FamilyLocks {
    private record Key(String region, String roleArn, String family) {}

    private final Map<Key, Object> locks = new ConcurrentHashMap<>();

    Object forFamily(ClusterTarget target, String family) {
        return locks.computeIfAbsent(new Key(target.region(), target.roleArn(), family), k -> new Object());
    }
}

package dev.logship.sync;

import dev.logship.model.ClusterTarget;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which task definition revisions the services of each cluster were last seen using, and which
 * clusters logship manages. Task definition families are per account and region, and clusters
 * with equal content share a revision, so a revision unused by one cluster may still run in
 * another: cleanup may only drop a revision once every managed cluster of the region has been
 * observed. Regions, not accounts, scope the check (the account behind ambient credentials is
 * not known without a call); ARNs carry the account, so mixing accounts only makes it stricter.
 * Observations of clusters that left Git are kept: their services may still run. Thread-safe.
 */
final class RevisionUsage {
    private record ClusterId(String region, String roleArn, String clusterName) {
        static ClusterId of(ClusterTarget t) {
            return new ClusterId(t.region(), t.roleArn() == null ? "" : t.roleArn(), t.clusterName());
        }
    }

    /** The revisions used elsewhere in a region, or why they cannot be known. */
    record Elsewhere(Set<String> arns, String unknownBecause) {
        boolean known() {
            return unknownBecause == null;
        }
    }

    private final Map<ClusterId, Set<String>> observed = new ConcurrentHashMap<>();
    private volatile Set<ClusterId> managed;

    /** The clusters logship manages now (every cluster of the desired state in force). */
    void manage(Collection<ClusterTarget> targets) {
        Set<ClusterId> ids = new HashSet<>();
        targets.forEach(t -> ids.add(ClusterId.of(t)));
        managed = Set.copyOf(ids);
    }

    /** Replaces what the cluster is known to use with a fresh observation (or a post-apply superset). */
    void observed(ClusterTarget target, Collection<String> arns) {
        Set<String> copy = ConcurrentHashMap.newKeySet();
        arns.stream().filter(a -> a != null).forEach(copy::add);
        observed.put(ClusterId.of(target), copy);
    }

    /** The cluster is about to use this revision (published before the service points at it). */
    void claim(ClusterTarget target, String arn) {
        observed.computeIfAbsent(ClusterId.of(target), id -> ConcurrentHashMap.newKeySet()).add(arn);
    }

    /** What the cluster was last seen using (every deployment of every service), or claimed since. */
    Set<String> of(ClusterTarget target) {
        Set<String> seen = observed.get(ClusterId.of(target));
        return seen == null ? Set.of() : Set.copyOf(seen);
    }

    /** False once the clusters logship manages are known and {@code target} is not among them. */
    boolean manages(ClusterTarget target) {
        Set<ClusterId> known = managed;
        return known == null || known.contains(ClusterId.of(target));
    }

    /** True once the cluster has been observed (or an apply claimed a revision there) in this process. */
    boolean seen(ClusterTarget target) {
        return observed.containsKey(ClusterId.of(target));
    }

    /** Adds to what the cluster is known to use (after an apply: its old deployments still drain). */
    void alsoUses(ClusterTarget target, Collection<String> arns) {
        Set<String> seen = observed.computeIfAbsent(ClusterId.of(target), id -> ConcurrentHashMap.newKeySet());
        arns.stream().filter(a -> a != null).forEach(seen::add);
    }

    /** Every revision the other observed clusters of the target's region use, if all managed ones were observed. */
    Elsewhere elsewhere(ClusterTarget target) {
        ClusterId self = ClusterId.of(target);
        Set<ClusterId> known = managed;
        if (known == null) {
            return new Elsewhere(Set.of(), "the clusters logship manages in " + target.region()
                    + " are not known to this run (plan the whole desired state first)");
        }
        Set<String> unobserved = new TreeSet<>();
        known.stream().filter(id -> id.region().equals(self.region()) && !id.equals(self) && !observed.containsKey(id))
                .forEach(id -> unobserved.add(id.clusterName()));
        if (!unobserved.isEmpty()) {
            return new Elsewhere(Set.of(), "cluster(s) " + String.join(", ", unobserved) + " in " + target.region()
                    + " not observed yet and may share its revisions");
        }
        Set<String> arns = new HashSet<>();
        observed.forEach((id, used) -> {
            if (id.region().equals(self.region()) && !id.equals(self)) {
                arns.addAll(used);
            }
        });
        return new Elsewhere(Set.copyOf(arns), null);
    }
}

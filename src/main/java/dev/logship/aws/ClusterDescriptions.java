package dev.logship.aws;

import static dev.logship.aws.AwsEcsGateway.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;

/**
 * DescribeClusters for one (credentials, region), batched up to 100 clusters per call: whether
 * each cluster exists (a failure such as MISSING, or status INACTIVE, means it does not) and its
 * registered node count (ACTIVE + DRAINING). Its service counts are never read: they are
 * eventually consistent on ECS (and stay 0 on some emulators), so whether a service exists, and
 * whose it is, is decided only by listing and describing it ({@link ClusterObserver}).
 *
 * <p>How the batching works: when a cluster is observed and no description of it is waiting,
 * one call describes it together with the other clusters this client knows (those named by
 * {@link #expect}, i.e. the desired state in force, and those observed before) that have no
 * description waiting either. Each description is taken once, by the cluster's next
 * observation, and only while younger than {@link #FRESH}: so every observation sees a
 * description fetched after its cluster's previous observation began, and a resync of N
 * clusters costs ceil(N/100) calls however its observations interleave. Callers wait on this
 * object while a batch is in flight (it most likely holds their cluster too). Existence and the
 * registered count are all a description serves: anything that must be exact (the ACTIVE count
 * of a perNodePort cluster) is listed fresh by {@link ClusterObserver}.
 */
final class ClusterDescriptions {
    static final int BATCH = 100;
    static final Duration FRESH = Duration.ofSeconds(60);

    /** {@code capacityProviders}: the cluster has some, so it may run managed daemons. */
    record Description(boolean exists, int registeredNodes, boolean capacityProviders, long fetchedAtNanos) {}

    /** Made on first use: naming a cluster in {@link #expect} builds no client (and no role warning) for it. */
    private final Supplier<EcsClient> ecs;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, Description> waiting = new HashMap<>();

    ClusterDescriptions(Supplier<EcsClient> ecs) {
        this.ecs = ecs;
    }

    /** The clusters about to be observed (replaces those named before). */
    synchronized void expect(Collection<String> clusters) {
        known.clear();
        known.addAll(clusters);
        waiting.keySet().retainAll(known);
    }

    /** This cluster's description, fetched after its previous one was taken (throws GatewayException). */
    synchronized Description take(String cluster) {
        known.add(cluster);
        Description d = waiting.remove(cluster);
        if (d != null && fresh(d)) {
            return d;
        }
        fetch(batchWith(cluster));
        return waiting.remove(cluster);
    }

    /** This process changed the cluster's services: a description fetched before the change is dropped. */
    synchronized void written(String cluster) {
        waiting.remove(cluster);
    }

    private List<String> batchWith(String cluster) {
        List<String> batch = new ArrayList<>(List.of(cluster));
        for (String other : known) {
            if (batch.size() == BATCH) {
                break;
            }
            Description d = waiting.get(other);
            if (!other.equals(cluster) && (d == null || !fresh(d))) {
                batch.add(other);
            }
        }
        return batch;
    }

    private void fetch(List<String> batch) {
        DescribeClustersResponse r = call("DescribeClusters", () -> ecs.get().describeClusters(b -> b.clusters(batch)));
        long now = System.nanoTime();
        for (String name : batch) {
            Cluster c = r.clusters().stream().filter(x -> name.equals(x.clusterName()) || name.equals(x.clusterArn()))
                    .findFirst().orElse(null);
            boolean exists = c != null && "ACTIVE".equals(c.status());
            int nodes = exists && c.registeredContainerInstancesCount() != null ? c.registeredContainerInstancesCount() : 0;
            boolean providers = exists && c.hasCapacityProviders() && !c.capacityProviders().isEmpty();
            waiting.put(name, new Description(exists, nodes, providers, now));
        }
    }

    private static boolean fresh(Description d) {
        return System.nanoTime() - d.fetchedAtNanos() < FRESH.toNanos();
    }
}

package dev.logship.aws;

import dev.logship.model.ClusterTarget;
import dev.logship.sync.DaemonGateway;
import dev.logship.sync.EcsGateway;
import dev.logship.sync.EcsGateways;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The AWS adapter's entry point: gateways per cluster over shared clients (one per role and
 * region), batched cluster descriptions per client ({@link ClusterDescriptions}), a shared
 * task definition cache, and the call counter others can read.
 */
public final class AwsEcsGateways implements EcsGateways, AutoCloseable {
    private final EcsCallCounter counter = new EcsCallCounter();
    private final TaskDefinitionCache cache;
    private final EcsClients clients;
    private final Map<List<String>, ClusterDescriptions> descriptions = new ConcurrentHashMap<>();
    /** Daemon task definition revisions are immutable and their ARNs unique: described once per process, by ARN. */
    private final Map<String, dev.logship.model.TaskDefinitionSpec> daemonRevisions = new ConcurrentHashMap<>();

    public AwsEcsGateways(AwsSettings settings) {
        this(settings, new TaskDefinitionCache());
    }

    /** With a cache of one's own (tests: a clock to move past the tag TTL). */
    AwsEcsGateways(AwsSettings settings, TaskDefinitionCache cache) {
        this.clients = new EcsClients(settings, counter);
        this.cache = cache;
    }

    @Override
    public EcsGateway forCluster(ClusterTarget target) {
        return new AwsEcsGateway(clients.client(target.roleArn(), target.region()), target.clusterName(),
                descriptionsFor(target), cache).pacedBy(clients.limiter(target.roleArn(), target.region()));
    }

    /** The managed-daemon gateway for a cluster, on the same paced and counted client as its service gateway. */
    @Override
    public DaemonGateway daemonsFor(ClusterTarget target) {
        return new AwsDaemonGateway(clients.client(target.roleArn(), target.region()), target.clusterName(), daemonRevisions)
                .pacedBy(clients.limiter(target.roleArn(), target.region()));
    }

    @Override
    public void expect(Collection<ClusterTarget> targets) {
        Map<List<String>, List<String>> byClient = targets.stream().collect(Collectors.groupingBy(AwsEcsGateways::clientKey,
                Collectors.mapping(ClusterTarget::clusterName, Collectors.toList())));
        targets.forEach(this::descriptionsFor);
        descriptions.forEach((key, batcher) -> batcher.expect(byClient.getOrDefault(key, List.of())));
    }

    private ClusterDescriptions descriptionsFor(ClusterTarget target) {
        return descriptions.computeIfAbsent(clientKey(target),
                k -> new ClusterDescriptions(() -> clients.client(target.roleArn(), target.region())));
    }

    /** Batches are per client (role and region): one DescribeClusters answers for one account and region. Allows a null role. */
    private static List<String> clientKey(ClusterTarget target) {
        return Arrays.asList(target.roleArn(), target.region());
    }

    /** The shared clients; for tests in this package. */
    EcsClients clients() {
        return clients;
    }

    /** The cluster catalog (ListClusters, DescribeClusters with tags) on the same paced, counted clients. */
    public dev.logship.discovery.ClusterCatalog catalog() {
        return new AwsClusterCatalog(clients);
    }

    /** The forwarder nodes of the commit in force with their scrape addresses (ECS reads on the same paced clients). */
    public dev.logship.delivery.ScrapeTargets scrapeTargets(java.util.function.Supplier<dev.logship.model.DesiredState> desired) {
        return new EcsScrapeTargets(clients, desired);
    }

    public EcsCallCounter calls() {
        return counter;
    }

    @Override
    public void close() {
        clients.close();
    }
}

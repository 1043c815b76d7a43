package dev.logship.aws;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.EcsClients;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;

/** A local-ecs on a free port plus logship's real AWS adapter and a raw SDK client pointed at it. */
final class LocalEcsHarness implements AutoCloseable {
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    static final Set<String> READ_ACTIONS = Set.of("ListContainerInstances", "DescribeContainerInstances", "ListServices", "DescribeServices",
            "DescribeTaskDefinition", "ListTaskDefinitions", "DescribeClusters", "ListTasks", "DescribeTasks");

    final LocalEcsServer server;
    final AwsEcsGateways gateways;
    final ClusterSynchronizer synchronizer;

    LocalEcsHarness(Map<String, Integer> clusters) {
        this(clusters, new TaskDefinitionCache());
    }

    /** With a task definition cache of the test's own (a clock to move past the tag TTL). */
    LocalEcsHarness(Map<String, Integer> clusters, TaskDefinitionCache cache) {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20));
        clusters.forEach(config::cluster);
        server = LocalEcsServer.start(config.build());
        gateways = new AwsEcsGateways(new AwsSettings(server.endpoint(), CREDENTIALS, RateLimits.ecsDefaults(), 12), cache);
        synchronizer = new ClusterSynchronizer(gateways);
    }

    /** A plain SDK client, as a person making manual changes would use. */
    EcsClient sdk(String region) {
        return EcsClients.of(server.endpoint(), region);
    }

    /** Mutating calls local-ecs received since the last reset of its counts. */
    Map<String, Long> mutatingCalls() {
        Map<String, Long> out = new java.util.TreeMap<>(server.callCounts());
        out.keySet().removeAll(READ_ACTIONS);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    @Override
    public void close() {
        gateways.close();
        server.close();
    }
}

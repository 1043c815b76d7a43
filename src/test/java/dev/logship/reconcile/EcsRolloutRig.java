package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.EcsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Real parts for rollout tests in this package: local-ecs over HTTP, the real SDK adapter, the
 * real controller reading a manifest tree held in memory (a "push" replaces it). Clusters
 * {@code c01} (wave canary) and {@code c02} (wave rest) unless told otherwise; the policy rolls
 * back or halts as asked. A new {@link #controller} is a restart of serve with an empty data
 * directory (its rollout store is in memory).
 */
final class EcsRolloutRig implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String GOOD = "gliderlabs/logspout:v3.2.14";
    static final String GOOD_2 = "gliderlabs/logspout:v3.2.15";
    static final String CRASHING = "gliderlabs/logspout:v3.2.15-crashloop";

    final LocalEcsServer ecs;
    final AwsEcsGateways gateways;
    final EcsClient sdk;
    final AtomicReference<Snapshot> head = new AtomicReference<>();
    private final List<Controller> controllers = new ArrayList<>();

    EcsRolloutRig(Map<String, Integer> nodesPerCluster) {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(REGION);
        nodesPerCluster.forEach(config::cluster);
        ecs = LocalEcsServer.start(config.build());
        gateways = new AwsEcsGateways(new AwsSettings(ecs.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), RateLimits.off(), 3));
        sdk = EcsClients.of(ecs.endpoint(), REGION);
    }

    EcsRolloutRig() {
        this(Map.of("c01", 2, "c02", 2));
    }

    /** A commit: {@code id} repeated to 40 characters; clusters c01 (canary) and c02 (rest) on {@code image}. */
    static Snapshot commit(String id, String image, String onFailure) {
        return commit(id, image, onFailure, Map.of("c01", "canary", "c02", "rest"));
    }

    static Snapshot commit(String id, String image, String onFailure, Map<String, String> waveOfCluster) {
        return commit(id, image, waveOfCluster, """
                waves:
                  - {name: canary, selector: {ring: canary}}
                  - {name: rest, selector: {ring: rest}}
                bakeTime: 1s
                onFailure: %s
                """.formatted(onFailure));
    }

    /** A commit with this RolloutPolicy spec ({@code policy}: its lines under {@code spec:}, unindented). */
    static Snapshot commit(String id, String image, Map<String, String> waveOfCluster, String policy) {
        List<String> files = new ArrayList<>();
        waveOfCluster.forEach((c, wave) -> {
            files.add("clusters/" + c + ".yaml");
            files.add("""
                    apiVersion: logship.dev/v1
                    kind: Cluster
                    metadata:
                      name: %s
                      labels: {ring: %s}
                    spec:
                      region: %s
                    """.formatted(c, wave, REGION));
        });
        files.addAll(List.of("policy.yaml", """
                        apiVersion: logship.dev/v1
                        kind: RolloutPolicy
                        metadata:
                          name: rings
                        spec:
                        """ + policy.indent(2),
                "fwd/logs.yaml", TestSnapshots.forwarder("logs", "routes: [\"udp://a.example.com:514\"]\nimage: " + image
                        + "\nclusters: [" + String.join(", ", waveOfCluster.keySet().stream().sorted().toList()) + "]")));
        String full = id.repeat(40).substring(0, 40);
        return new Snapshot(new Revision(full, "commit " + id), TestSnapshots.of(files.toArray(String[]::new)).files());
    }

    /** A started controller over {@link #head}, with an empty rollout store (a restart with an empty data dir). */
    Controller controller(Duration rolloutTimeout) {
        return controller(settings -> settings.withRolloutTimeout(rolloutTimeout));
    }

    /** A started controller whose settings {@code tune} changes (e.g. a hand-moved rollout clock). */
    Controller controller(java.util.function.UnaryOperator<ControllerSettings> tune) {
        ManifestSource source = HeldSource.of(head::get);
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofHours(1), Duration.ofHours(1))
                .withRecheck(Duration.ofMillis(100), Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(1)))
                .withRolloutTimeout(ControllerSettings.DEFAULT_ROLLOUT_TIMEOUT);
        settings = tune.apply(settings);
        Controller controller = new Controller(source, SourceStatus.notFetched("test", "main", "."),
                new ClusterSynchronizer(gateways, dev.logship.sync.SyncOptions.defaults(), "team-a"), settings,
                ReconcileListener.NONE).start();
        controllers.add(controller);
        return controller;
    }

    Controller controller() {
        return controller(ControllerSettings.DEFAULT_ROLLOUT_TIMEOUT);
    }

    Service service(String cluster) {
        String arn = sdk.listServices(r -> r.cluster(cluster)).serviceArns().stream().filter(a -> a.contains("logs"))
                .findFirst().orElseThrow();
        return sdk.describeServices(r -> r.cluster(cluster).services(arn).include(
                software.amazon.awssdk.services.ecs.model.ServiceField.TAGS)).services().get(0);
    }

    Map<String, String> tags(String cluster) {
        Map<String, String> out = new java.util.TreeMap<>();
        sdk.listTagsForResource(r -> r.resourceArn(service(cluster).serviceArn())).tags().forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    /** Mutating ECS calls naming {@code cluster} since the last reset. */
    long mutatingCalls(String cluster) {
        return ecs.mutatingCallCountsByCluster().getOrDefault(cluster, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    static boolean healthyOn(Controller controller, String cluster, String commit) {
        return controller.cluster(cluster).map(c -> c.lastAppliedRevision() != null && c.lastAppliedRevision().startsWith(commit)
                && c.health().equals("Healthy") && c.syncStatus() == SyncStatus.Synced).orElse(false);
    }

    static Phase phaseOf(Controller controller, String commit, String cluster) {
        return controller.rollouts().stream().filter(r -> r.commit().startsWith(commit) && r.clusters().containsKey(cluster))
                .map(r -> r.clusters().get(cluster).phase()).findFirst().orElse(null);
    }

    static Rollout.State stateOf(Controller controller, String commit) {
        return controller.rollouts().stream().filter(r -> r.commit().startsWith(commit)).map(Rollout::state).findFirst().orElse(null);
    }

    static void waitUntil(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("timed out waiting until " + what).isBefore(deadline);
            try {
                Thread.sleep(20); // polling step of a wait-until with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (Controller c : controllers) {
            c.close();
        }
        sdk.close();
        gateways.close();
        ecs.close();
    }
}

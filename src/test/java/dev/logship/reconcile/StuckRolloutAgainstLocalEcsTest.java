package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 10 item 5 against real parts (local-ecs over HTTP, the real SDK adapter, the real
 * controller), on a clock scaled 1:100: 2 s -> 20 ms, 60 s -> 600 ms, 10 min -> 6 s. Tasks in
 * local-ecs never reach RUNNING (convergence 1 h), so every rollout is stuck from the start.
 */
class StuckRolloutAgainstLocalEcsTest {
    private static final int CLUSTERS = 100;
    private static final double SCALE = 0.01;
    /**
     * 1 look when found + 14 rechecks up to the verdict at 600 s (RolloutProgressTest), 6 reads each:
     * ListServices, DescribeServices, the nodes (List/DescribeContainerInstances, perNodePort) and,
     * since a service running short has its tasks read to name the uncovered nodes and their health,
     * ListTasks and DescribeTasks.
     */
    static final int LOOKS = 15;
    static final int READS_PER_LOOK = 6;

    @Test
    void hundredStuckClustersCostAtMostTheScheduledReadsIn10ScaledMinutesAndEndRolloutStuck() throws Exception {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofHours(1));
        List<String> names = IntStream.range(0, CLUSTERS).mapToObj(i -> String.format("c%03d", i)).toList();
        names.forEach(n -> config.cluster(n, 1));
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build());
             AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(ecs.endpoint(),
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), RateLimits.off(), 3))) {
            Snapshot snapshot = manifests(names);
            DesiredState state = DesiredStates.read(snapshot).state();
            ClusterSynchronizer synchronizer = new ClusterSynchronizer(gateways);
            synchronizer.plan(state);
            for (DesiredCluster cluster : state.clusters()) {
                assertThat(synchronizer.sync(cluster).succeeded()).isTrue();
            }
            ecs.resetCallCounts();

            ControllerSettings settings = ControllerSettings.defaults()
                    .withIntervals(Duration.ofHours(1), Duration.ofHours(1))
                    .withRecheck(scaled(Duration.ofSeconds(2)), Backoff.exponential(scaled(Duration.ofSeconds(2)),
                            scaled(Duration.ofMinutes(5))))
                    .withRolloutTimeout(scaled(ControllerSettings.DEFAULT_ROLLOUT_TIMEOUT));
            assertThat(settings.recheckMax()).isEqualTo(scaled(Duration.ofSeconds(60)));
            Instant started = Instant.now();
            try (Controller controller = new Controller(source(snapshot), SourceStatus.notFetched("test", "main", "."),
                    new ClusterSynchronizer(gateways), settings, ReconcileListener.NONE).start()) {
                Waits.until("every cluster is stuck", Duration.ofSeconds(60), () -> names.stream().allMatch(n -> stuck(controller, n)));
                Duration took = Duration.between(started, Instant.now());
                Map<String, Long> calls = ecs.callCounts();
                long reads = calls.entrySet().stream().filter(e -> !LocalEcsServer.MUTATING_ACTIONS.contains(e.getKey()))
                        .mapToLong(Map.Entry::getValue).sum();
                long writes = calls.entrySet().stream().filter(e -> LocalEcsServer.MUTATING_ACTIONS.contains(e.getKey()))
                        .mapToLong(Map.Entry::getValue).sum();
                System.out.printf("stuck-rollout reads: %d clusters, %d reads until every one was RolloutStuck after %d ms "
                                + "(%.1f scaled minutes); bound %d; by action %s%n", CLUSTERS, reads, took.toMillis(),
                        took.toMillis() / SCALE / 60_000.0, CLUSTERS * LOOKS * READS_PER_LOOK, calls);
                assertThat(writes).as("a stuck rollout is only looked at").isZero();
                assertThat(reads).isLessThanOrEqualTo((long) CLUSTERS * LOOKS * READS_PER_LOOK);

                ClusterStatus c = controller.cluster("c000").orElseThrow();
                assertThat(c.health()).isEqualTo("Degraded");
                assertThat(c.healthMessage()).startsWith("RolloutStuck: no progress for ").contains("(0/1 tasks running");
                assertThat(c.condition(Condition.RECONCILING).reason()).isEqualTo("RolloutStuck");
                assertThat(c.forwarders()).singleElement().satisfies(f -> assertThat(f.health()).isEqualTo("Degraded"));
                // the event log keeps the latest 200 events (other events share it): each cluster said it once
                Map<String, Long> stuckEvents = controller.events().stream().filter(e -> e.type().equals("RolloutStuck"))
                        .collect(Collectors.groupingBy(Event::cluster, Collectors.counting()));
                assertThat(stuckEvents).isNotEmpty();
                assertThat(stuckEvents.values()).as("one event per stuck cluster, not one per recheck").allMatch(n -> n == 1);
            }
        }
    }

    private static boolean stuck(Controller controller, String name) {
        return controller.cluster(name).map(c -> c.condition(Condition.READY))
                .map(r -> "RolloutStuck".equals(r.reason())).orElse(false);
    }

    private static Duration scaled(Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() * SCALE));
    }

    private static Snapshot manifests(List<String> names) {
        List<String> files = new ArrayList<>();
        for (String name : names) {
            files.add(name + ".yaml");
            files.add(TestSnapshots.cluster(name, "us-east-1"));
        }
        files.add("fwd/pt.yaml");
        files.add(TestSnapshots.forwarder("pt", "scheduling: perNodePort\nhostPort: 1234\nroutes: [\"udp://a.example.com:1\"]\n"
                + "clusters: [" + names.stream().collect(Collectors.joining(", ")) + "]"));
        Snapshot files0 = TestSnapshots.of(files.toArray(String[]::new));
        return new Snapshot(new Revision("aaaa000000000000000000000000000000000000", "stuck"), files0.files());
    }

    private static ManifestSource source(Snapshot snapshot) {
        return HeldSource.of(() -> snapshot);
    }
}

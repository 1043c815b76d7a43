package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredCluster;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RolloutClock;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.SyncOptions;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;

/**
 * A rollback returns a cluster to the exact task definition revision it ran before, even when
 * revision clean-up ran in between and would have deregistered it. The real controller, the
 * real SDK adapter and local-ecs over HTTP; clean-up keeps one unused revision per family.
 *
 * <p>Commit A runs forwarder {@code pt} on c01 (revision 1). Commit B (a new image) adds cluster
 * r03 in a second wave, whose nodes' host port another team's daemon already holds. c01 moves to
 * revision 2 and bakes; revision 1 drains away and nothing runs it. During the bake another
 * apply in the region registers revision 3 of the family, and its clean-up would drop revision 1
 * (unused, not among the newest one), but the rollout may still need it. Then r03 cannot place
 * its tasks, goes Degraded and halts the rollout; c01, Healthy on B by then, is rolled back to A,
 * the last commit Healthy there before B, on revision 1 itself.
 */
class RollbackKeepsItsRevisionsTest {
    private static AwsEcsGateways gateways(LocalEcsServer ecs) {
        return new AwsEcsGateways(new AwsSettings(ecs.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), RateLimits.off(), 3));
    }

    /** A started controller over {@code head}, on a 60x clock: B's 10 minute bake lasts 10 s, the time the other apply has to run in. */
    private static Controller controller(ClusterSynchronizer synchronizer, AtomicReference<Snapshot> head) {
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofHours(1), Duration.ofHours(1))
                .withRecheck(Duration.ofMillis(100), Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)))
                .withRolloutClock(RolloutClock.scaled(Clock.systemUTC(), null, 60));
        ManifestSource source = HeldSource.of(head::get);
        return new Controller(source, SourceStatus.notFetched("test", "main", "."), synchronizer, settings, ReconcileListener.NONE).start();
    }

    private static final String REGION = "us-east-1";
    private static final String PORT_SPEC = "scheduling: perNodePort\nhostPort: 1234\nroutes: [\"udp://a.example.com:1\"]\n";

    @Test
    void aRollbackAfterCleanUpComesBackOnTheExactSameRevision() throws Exception {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(REGION);
        List.of("c01", "r03", "x01").forEach(c -> config.cluster(c, 2));
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); AwsEcsGateways gateways = gateways(ecs);
             EcsClient sdk = sdk(ecs.endpoint())) {
            ClusterSynchronizer synchronizer = new ClusterSynchronizer(gateways, new SyncOptions(1, Duration.ofMinutes(1)), "team-a");
            AtomicReference<Snapshot> head = new AtomicReference<>(commitA());
            try (Controller controller = controller(synchronizer, head)) {
                Waits.until("A is Healthy on c01", Duration.ofSeconds(60), () -> healthyOn(controller, "c01", "aaaa"));
                String revision1 = service(sdk, "c01").taskDefinition();
                assertThat(revision1).endsWith(":1");

                occupyHostPort(sdk, "r03");
                head.set(commitB());
                controller.syncSource("push");
                Waits.until("c01 bakes on B", Duration.ofSeconds(60), () -> phaseOf(controller, "bbbb", "c01") == Phase.BAKING);
                assertThat(service(sdk, "c01").taskDefinition()).endsWith(":2");
                assertThat(service(sdk, "c01").deployments()).hasSize(1); // revision 1 no longer runs anywhere

                // Another apply in the region registers revision 3 and cleans the family up (keeping 1 unused).
                SyncResult other = synchronizer.sync(desired(commitOther(), "x01"));
                assertThat(other.failures()).isEmpty();
                assertThat(other.steps()).extracting(SyncResult.Step::detail).anyMatch(d -> d.endsWith(":3"));
                assertThat(other.steps()).extracting(SyncResult.Step::detail).doesNotContain(revision1);
                assertThat(sdk.describeTaskDefinition(r -> r.taskDefinition(revision1)).taskDefinition().statusAsString())
                        .isEqualTo("ACTIVE");

                Waits.until("r03 halts the rollout", Duration.ofSeconds(60), () -> controller.rollouts().get(0).state() == Rollout.State.HALTED);
                Waits.until("c01 is rolled back", Duration.ofSeconds(60), () -> phaseOf(controller, "bbbb", "c01") == Phase.ROLLED_BACK);
                assertThat(service(sdk, "c01").taskDefinition()).isEqualTo(revision1);
                assertThat(controller.rollouts().get(0).haltReason()).startsWith("cluster r03 went Degraded in wave 2");
                assertThat(controller.events()).anyMatch(e -> e.type().equals("RolledBack") && "c01".equals(e.cluster()));
            }
        }
    }

    /**
     * The managed-daemon case of the same promise (issue 18): commit A runs daemon {@code pt} on
     * c01 (daemon revision 1); commit B moves c01 to revision 2 and, while c01 bakes (the rollout
     * not done, so a failure would roll it back), revision 1 runs nowhere. Another apply of the
     * same daemon in the region (x01) registers revision 3 and cleans the family up keeping one
     * unused: revision 1, c01's rollback target, stays registered. (An operator's hand change of the
     * daemon, reverted by logship during the bake, first moves ECS's last deployment off revision 1.)
     */
    @Test
    void daemonCleanUpKeepsTheRevisionARollbackReturnsTo() throws Exception {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(REGION);
        List.of("c01", "x01").forEach(c -> config.cluster(c, 0).managedInstances(c, "managed-" + c, 2)); // a provider is one cluster's
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); AwsEcsGateways gateways = gateways(ecs);
             EcsClient sdk = sdk(ecs.endpoint())) {
            ClusterSynchronizer synchronizer = new ClusterSynchronizer(gateways, new SyncOptions(1, Duration.ofMinutes(1)), "team-a");
            AtomicReference<Snapshot> head = new AtomicReference<>(daemonCommit("aaaa", "gliderlabs/logspout:v3.2.14", "c01"));
            try (Controller controller = controller(synchronizer, head)) {
                Waits.until("A is Healthy on c01", Duration.ofSeconds(60), () -> healthyOn(controller, "c01", "aaaa"));
                String revision1 = daemonRevision(sdk, "c01");
                assertThat(revision1).endsWith(":1");

                head.set(daemonCommit("bbbb", "gliderlabs/logspout:v3.2.15", "c01"));
                controller.syncSource("push");
                Waits.until("c01 bakes on B", Duration.ofSeconds(60), () -> phaseOf(controller, "bbbb", "c01") == Phase.BAKING);
                assertThat(daemonRevision(sdk, "c01")).endsWith(":2");
                // ECS keeps the last deployment's source revision (1) itself; an operator's hand change of the daemon,
                // reverted by logship, makes a deployment from elsewhere, so only the rollback target keeps revision 1 now
                String daemon = sdk.listDaemons(r -> r.clusterArn("c01")).daemonSummariesList().get(0).daemonArn();
                String theirs = sdk.registerDaemonTaskDefinition(r -> r.family("hand-made").containerDefinitions(c -> c.name("agent")
                        .image("vendor/agent:1").memory(128))).daemonTaskDefinitionArn();
                String provider = sdk.describeCapacityProviders(r -> r.capacityProviders("managed-c01")).capacityProviders().get(0)
                        .capacityProviderArn();
                sdk.updateDaemon(r -> r.daemonArn(daemon).daemonTaskDefinitionArn(theirs).capacityProviderArns(provider));
                controller.syncCluster("c01", "resync");
                Waits.until("logship reverts the hand change", Duration.ofSeconds(60), () -> daemonRevision(sdk, "c01").endsWith(":2")
                        && controller.events().stream().anyMatch(e -> e.type().equals("DriftReverted")));

                SyncResult other = synchronizer.sync(desired(daemonCommit("cccc", "gliderlabs/logspout:v3.2.16", "x01"), "x01"));
                assertThat(other.failures()).isEmpty();
                List<String> active = activeDaemonRevisions(sdk, revision1.substring(revision1.lastIndexOf('/') + 1, revision1.lastIndexOf(':')));
                System.out.println("daemon revisions after the other apply and its clean-up (sync runs it): " + active + "; its steps: " + other.steps());
                assertThat(active).as("revision 3 is registered").anyMatch(a -> a.endsWith(":3"));
                assertThat(active).as("c01's rollback target is kept by clean-up").contains(revision1);
                assertThat(controller.rollouts().get(0).state()).as("the rollout was not done").isNotEqualTo(Rollout.State.DONE);
            }
        }
    }

    /** Daemon pt on one cluster, on that cluster's own Managed Instances provider. */
    private static Snapshot daemonCommit(String id, String image, String cluster) {
        return snapshot(id, "scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: [managed-" + cluster
                + "]\nroutes: [\"udp://a.example.com:1\"]\n", image, List.of(cluster));
    }

    /** The daemon task definition the cluster's daemon {@code pt} runs. */
    private static String daemonRevision(EcsClient sdk, String cluster) {
        String arn = sdk.listDaemons(r -> r.clusterArn(cluster)).daemonSummariesList().get(0).daemonArn();
        var daemon = sdk.describeDaemon(r -> r.daemonArn(arn)).daemon();
        return sdk.describeDaemonRevisions(r -> r.daemonRevisionArns(daemon.currentRevisions().get(0).arn())).daemonRevisions().get(0)
                .daemonTaskDefinitionArn();
    }

    private static List<String> activeDaemonRevisions(EcsClient sdk, String family) {
        return sdk.listDaemonTaskDefinitions(r -> r.family(family).status(
                software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatusFilter.ACTIVE)).daemonTaskDefinitions().stream()
                .map(d -> d.arn()).toList();
    }

    private static Snapshot commitA() {
        return snapshot("aaaa", "gliderlabs/logspout:v3.2.14", List.of("c01"));
    }

    private static Snapshot commitB() {
        return snapshot("bbbb", "gliderlabs/logspout:v3.2.15", List.of("c01", "r03"));
    }

    /** The same forwarder with another image on a cluster outside the rollouts (only its desired state is used). */
    private static Snapshot commitOther() {
        return snapshot("cccc", "gliderlabs/logspout:v3.2.16", List.of("x01"));
    }

    private static Snapshot snapshot(String id, String image, List<String> clusters) {
        return snapshot(id, PORT_SPEC, image, clusters);
    }

    private static Snapshot snapshot(String id, String scheduling, String image, List<String> clusters) {
        List<String> files = new java.util.ArrayList<>();
        for (String c : clusters) {
            files.add(c + ".yaml");
            files.add(cluster(c, c.equals("c01") ? "canary" : "rest"));
        }
        files.addAll(List.of("policy.yaml", """
                        apiVersion: logship.dev/v1
                        kind: RolloutPolicy
                        metadata:
                          name: rings
                        spec:
                          waves:
                            - {name: canary, selector: {ring: canary}}
                            - {name: rest, selector: {ring: rest}}
                          bakeTime: 10m
                          onFailure: rollback
                        """,
                "fwd/pt.yaml", TestSnapshots.forwarder("pt", scheduling + "image: " + image + "\nclusters: [" + String.join(", ", clusters) + "]")));
        return new Snapshot(new Revision(id.repeat(10), "commit " + id), TestSnapshots.of(files.toArray(String[]::new)).files());
    }

    private static String cluster(String name, String ring) {
        return """
                apiVersion: logship.dev/v1
                kind: Cluster
                metadata:
                  name: %s
                  labels: {ring: %s}
                spec:
                  region: %s
                """.formatted(name, ring, REGION);
    }

    private static DesiredCluster desired(Snapshot snapshot, String cluster) {
        return DesiredStates.read(snapshot).state().cluster(cluster).orElseThrow();
    }

    /** Another team's daemon holding host port 1234 on every node of the cluster. */
    private static void occupyHostPort(EcsClient sdk, String cluster) {
        String arn = sdk.registerTaskDefinition(r -> r.family("other-team-agent").networkMode("bridge")
                .containerDefinitions(c -> c.name("agent").image("busybox").memory(32).essential(true)
                        .portMappings(p -> p.containerPort(1234).hostPort(1234)))).taskDefinition().taskDefinitionArn();
        sdk.createService(r -> r.cluster(cluster).serviceName("other-team-agent").taskDefinition(arn)
                .schedulingStrategy(SchedulingStrategy.DAEMON));
        Waits.until("the other team's agent runs on " + cluster, Duration.ofSeconds(60), () -> {
            var s = sdk.describeServices(r -> r.cluster(cluster).services("other-team-agent")).services().get(0);
            return s.runningCount() == 2;
        });
    }

    private static software.amazon.awssdk.services.ecs.model.Service service(EcsClient sdk, String cluster) {
        String arn = sdk.listServices(r -> r.cluster(cluster)).serviceArns().stream().filter(a -> a.contains("pt"))
                .findFirst().orElseThrow();
        return sdk.describeServices(r -> r.cluster(cluster).services(arn)).services().get(0);
    }

    private static boolean healthyOn(Controller controller, String cluster, String commit) {
        return controller.cluster(cluster).map(c -> c.lastAppliedRevision() != null && c.lastAppliedRevision().startsWith(commit)
                && c.health().equals("Healthy") && c.syncStatus() == SyncStatus.Synced).orElse(false);
    }

    private static Phase phaseOf(Controller controller, String commit, String cluster) {
        return controller.rollouts().stream().filter(r -> r.commit().startsWith(commit) && r.clusters().containsKey(cluster))
                .map(r -> r.clusters().get(cluster).phase()).findFirst().orElse(null);
    }

    private static EcsClient sdk(URI endpoint) {
        return EcsClients.of(endpoint, REGION);
    }
}

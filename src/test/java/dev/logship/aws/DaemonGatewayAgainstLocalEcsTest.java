package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.DaemonChange;
import dev.logship.diff.DaemonDiffer;
import dev.logship.model.ClusterTarget;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DaemonSpec;
import dev.logship.model.LiveDaemon;
import dev.logship.model.MountPoint;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import dev.logship.sync.DaemonGateway;
import dev.logship.sync.DaemonHealth;
import dev.logship.sync.Health;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** logship's daemon adapter, with the real SDK over HTTP, against local-ecs's managed daemons. */
class DaemonGatewayAgainstLocalEcsTest {
    private LocalEcsHarness ecs;
    private DaemonGateway daemons;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of());
        ecs.server.setManagedInstances("prod", "managed", 3);
        daemons = ecs.gateways.daemonsFor(new ClusterTarget("prod", "prod", "us-east-1", null, true, false, false, Map.of()));
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private static TaskDefinitionSpec fluentBit(String image) {
        ContainerSpec container = new ContainerSpec("fluent-bit", image, 10, 128, null, true, List.of("/fluent-bit/bin/fluent-bit"),
                Map.of("LOG_LEVEL", "info"), Map.of(), List.of(), List.of(new MountPoint("docker", "/var/lib/docker/containers", true)),
                null);
        return new TaskDefinitionSpec("logship-fb", null, List.of(), List.of(container),
                List.of(new Volume("docker", "/var/lib/docker/containers")), List.of(), Map.of("logship.dev/managed-by", "logship"));
    }

    private static final DaemonSpec DAEMON = new DaemonSpec("fb", List.of("managed"), 50.0, 0, List.of("fb-errors"), true,
            Map.of("logship.dev/managed-by", "logship"));

    private LiveDaemon only() {
        return daemons.observeDaemons().get(0);
    }

    @Test
    void aRegisteredDaemonRevisionReadsBackAsTheSameRequestDocument() {
        TaskDefinitionSpec desired = fluentBit("fluent/fluent-bit:5.1.1");
        String arn = daemons.registerDaemonTaskDefinition(desired);

        TaskDefinitionSpec live = daemons.describeDaemonTaskDefinition(arn);

        assertThat(live.document()).isEqualTo(daemons.daemonRequestDocument(desired));
        assertThat(live.document()).isNotEqualTo(daemons.daemonRequestDocument(fluentBit("fluent/fluent-bit:5.1.2")));
    }

    @Test
    void createdDaemonIsObservedWithItsSettingsTagsAndHealthy() {
        String td = daemons.registerDaemonTaskDefinition(fluentBit("fluent/fluent-bit:5.1.1"));
        daemons.createDaemon(DAEMON, td);

        LiveDaemon live = only();
        assertThat(live.daemonName()).isEqualTo("fb");
        assertThat(live.taskDefinitionArn()).isEqualTo(td);
        assertThat(live.capacityProviderArns()).containsExactly("arn:aws:ecs:us-east-1:000000000000:capacity-provider/managed");
        assertThat(live.drainPercent()).isEqualTo(50.0);
        assertThat(live.alarmNames()).containsExactly("fb-errors");
        assertThat(live.alarmRollback()).isTrue();
        assertThat(live.tags()).containsEntry("logship.dev/managed-by", "logship");
        Waits.until("the daemon runs on all 3 instances", Duration.ofSeconds(5),
                () -> DaemonHealth.of(only()).status() == Health.Status.Healthy);
        assertThat(DaemonHealth.of(only()).message()).isEqualTo("running on 3 of 3 instances of its capacity providers");
    }

    @Test
    void crashLoopingRevisionIsDegradedWithEcsReasonAndRecoversOnTheNextGoodRevision() {
        String good = daemons.registerDaemonTaskDefinition(fluentBit("fluent/fluent-bit:5.1.1"));
        daemons.createDaemon(DAEMON, good);
        Waits.until("healthy", Duration.ofSeconds(5), () -> DaemonHealth.of(only()).status() == Health.Status.Healthy);

        daemons.updateDaemon(only().daemonArn(), DAEMON, daemons.registerDaemonTaskDefinition(fluentBit("fluent/fluent-bit:5.1.1-crashloop")));
        Waits.until("rolled back", Duration.ofSeconds(10),
                () -> "ROLLBACK_SUCCESSFUL".equals(only().latestDeployment().status()));

        Health health = DaemonHealth.of(only());
        assertThat(health.status()).isEqualTo(Health.Status.Degraded);
        assertThat(health.message()).startsWith("daemon deployment ROLLBACK_SUCCESSFUL: ")
                .contains(only().latestDeployment().statusReason());

        daemons.updateDaemon(only().daemonArn(), DAEMON, daemons.registerDaemonTaskDefinition(fluentBit("fluent/fluent-bit:5.1.2")));
        Waits.until("healthy again", Duration.ofSeconds(10),
                () -> DaemonHealth.of(only()).status() == Health.Status.Healthy);
    }

    @Test
    void anInstanceJoiningTheProviderIsCountedAndGetsTheDaemon() {
        daemons.createDaemon(DAEMON, daemons.registerDaemonTaskDefinition(fluentBit("fluent/fluent-bit:5.1.1")));
        Waits.until("healthy", Duration.ofSeconds(5), () -> DaemonHealth.of(only()).status() == Health.Status.Healthy);

        ecs.server.setManagedInstances("prod", "managed", 4);

        Waits.until("running on the fourth", Duration.ofSeconds(5),
                () -> only().runningCount() == 4 && only().instances() == 4);
        assertThat(DaemonHealth.of(only()).status()).isEqualTo(Health.Status.Healthy);
    }

    private DaemonDiffer.Desired desired(TaskDefinitionSpec td, boolean adopt) {
        return new DaemonDiffer.Desired("prod/fb", DAEMON, daemons.daemonRequestDocument(td), adopt);
    }

    @Test
    void reAppliedDaemonDiffsAsNoChangeAndANewImageAsAnUpdateOfTheTaskDefinitionOnly() {
        TaskDefinitionSpec td = fluentBit("fluent/fluent-bit:5.1.1");
        daemons.createDaemon(DAEMON, daemons.registerDaemonTaskDefinition(td));

        assertThat(DaemonDiffer.diff(List.of(desired(td, false)), daemons.observeDaemons(), null, true))
                .singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(DaemonChange.Kind.NO_CHANGE));
        assertThat(DaemonDiffer.diff(List.of(desired(fluentBit("fluent/fluent-bit:5.1.2"), false)), daemons.observeDaemons(), null, true))
                .singleElement().satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(DaemonChange.Kind.UPDATE);
                    assertThat(c.differences()).containsExactly("daemon task definition: [containerDefinitions]");
                });
    }

    @Test
    void aDaemonLogshipDidNotCreateIsAConflict() {
        var sdk = ecs.sdk("us-east-1");
        String foreignTd = sdk.registerDaemonTaskDefinition(r -> r.family("theirs").containerDefinitions(c -> c.image("x:1")))
                .daemonTaskDefinitionArn();
        sdk.createDaemon(r -> r.daemonName("fb").clusterArn("prod").daemonTaskDefinitionArn(foreignTd)
                .capacityProviderArns("arn:aws:ecs:us-east-1:000000000000:capacity-provider/managed"));

        assertThat(DaemonDiffer.diff(List.of(desired(fluentBit("fluent/fluent-bit:5.1.1"), false)), daemons.observeDaemons(), "me", true))
                .singleElement().satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(DaemonChange.Kind.CONFLICT);
                    assertThat(c.reason()).contains("logship did not create it");
                });
        assertThat(DaemonDiffer.diff(List.of(), daemons.observeDaemons(), "me", true)).as("not ours: never pruned").isEmpty();
    }

    @Test
    void deletedDaemonIsNoLongerObserved() {
        daemons.createDaemon(DAEMON, daemons.registerDaemonTaskDefinition(fluentBit("fluent/fluent-bit:5.1.1")));

        daemons.deleteDaemon(only().daemonArn());

        assertThat(daemons.observeDaemons()).isEmpty();
    }
}

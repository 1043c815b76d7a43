package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ClusterTarget;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DaemonSpec;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.model.ForwarderKey;
import dev.logship.model.OwnershipTags;
import dev.logship.model.Revision;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.Health;
import dev.logship.sync.SyncOptions;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatusFilter;

/**
 * Revision clean-up of daemon task definitions through ClusterSynchronizer, real SDK against
 * local-ecs, keeping one revision: unused owned revisions go; the revision the daemon still runs
 * after ECS rolled a crash-looping one back stays while the next deployment drains it; a revision
 * logship does not own in the same family is never deleted.
 */
class DaemonRevisionCleanupAgainstLocalEcsTest {
    private static final String OWNER = "repo-a";
    private static final ClusterTarget PROD = new ClusterTarget("prod", "prod", "us-east-1", null, true, false, false, Map.of());
    private LocalEcsHarness ecs;
    private ClusterSynchronizer synchronizer;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of());
        ecs.server.setManagedInstances("prod", "managed", 2);
        synchronizer = new ClusterSynchronizer(ecs.gateways, new SyncOptions(1, Duration.ofMinutes(1)), OWNER);
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private static DesiredCluster desired(String image) {
        Map<String, String> tags = Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER);
        TaskDefinitionSpec td = new TaskDefinitionSpec("logship-fb", null, List.of(), List.of(new ContainerSpec("fluent-bit", image,
                10, 128, null, true, List.of(), Map.of(), Map.of(), List.of(), List.of(), null)), List.of(), List.of(), tags);
        DaemonSpec daemon = new DaemonSpec("fb", List.of("managed"), 50.0, 0, List.of(), false,
                Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER, OwnershipTags.FORWARDER, "prod/fb"));
        return new DesiredCluster(PROD, List.of(new DesiredForwarder(new ForwarderKey("prod", "fb"), td, daemon, false, false, "h")));
    }

    private SyncResult sync(String image) {
        DesiredCluster cluster = desired(image);
        synchronizer.manage(new DesiredState(new Revision("r-" + image, image), List.of(cluster)));
        SyncResult result = synchronizer.sync(cluster);
        assertThat(result.failures()).isEmpty();
        return result;
    }

    private Health health(String image) {
        return synchronizer.health(desired(image)).get("prod/fb");
    }

    private void syncUntilHealthy(String image) {
        sync(image);
        Waits.until(image + " Healthy", Duration.ofSeconds(60), () -> health(image).status() == Health.Status.Healthy);
    }

    private Set<Integer> activeRevisions() {
        try (EcsClient sdk = ecs.sdk("us-east-1")) {
            return sdk.listDaemonTaskDefinitions(r -> r.family("logship-fb").status(DaemonTaskDefinitionStatusFilter.ACTIVE))
                    .daemonTaskDefinitions().stream().map(d -> Integer.parseInt(d.arn().substring(d.arn().lastIndexOf(':') + 1)))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void unusedOwnedRevisionsGoTheRunningOneStaysAndAnotherOwnersNeverGoes() {
        try (EcsClient sdk = ecs.sdk("us-east-1")) {
            sdk.registerDaemonTaskDefinition(r -> r.family("logship-fb").containerDefinitions(c -> c.name("x").image("theirs:1")
                    .memory(64))); // revision 1, not logship's
        }
        syncUntilHealthy("fluent/fluent-bit:1");                                   // 2
        syncUntilHealthy("fluent/fluent-bit:2");                                   // 3
        assertThat(activeRevisions()).as("2 drained while 3 rolled out, so it was kept then").contains(1, 3);

        sync("fluent/fluent-bit:3-crashloop");                                     // 4, rolled back to 3
        Waits.until("rolled back", Duration.ofSeconds(60),
                () -> health("fluent/fluent-bit:3-crashloop").message().contains("ROLLBACK_SUCCESSFUL"));

        SyncResult next = sync("fluent/fluent-bit:4");                              // 5, drains 3
        assertThat(next.steps()).filteredOn(s -> s.action().equals("delete revision")).extracting(SyncResult.Step::detail)
                .containsExactly("arn:aws:ecs:us-east-1:000000000000:daemon-task-definition/logship-fb:2");
        // 4 was the target of the latest deployment this apply observed, so it is kept this time.
        assertThat(activeRevisions()).as("1 is not ours; 3 still runs; 5 is the target").contains(1, 3, 5).doesNotContain(2);
        Waits.until("4 Healthy", Duration.ofSeconds(60), () -> health("fluent/fluent-bit:4").status() == Health.Status.Healthy);

        syncUntilHealthy("fluent/fluent-bit:5");                                   // 6, drains 5
        assertThat(activeRevisions()).as("the crash-looping 4 is unused now").contains(1, 5, 6).doesNotContain(2, 4);
    }
}

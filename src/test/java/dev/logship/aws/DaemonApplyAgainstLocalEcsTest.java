package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.DaemonChange;
import dev.logship.diff.DaemonDiffer;
import dev.logship.model.ClusterTarget;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DaemonSpec;
import dev.logship.model.OwnershipTags;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.DaemonExecutor;
import dev.logship.sync.DaemonGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Diff then execute, as reconcile will: create, one new revision per update, nothing on re-apply, prune. */
class DaemonApplyAgainstLocalEcsTest {
    private static final String OWNER = "repo-a";
    private static final Map<String, String> TAGS = Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER,
            OwnershipTags.OWNER, OWNER, OwnershipTags.FORWARDER, "prod/fb");
    private LocalEcsHarness ecs;
    private DaemonGateway daemons;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of());
        ecs.server.setManagedInstances("prod", "managed", 2);
        daemons = ecs.gateways.daemonsFor(new ClusterTarget("prod", "prod", "us-east-1", null, true, false, false, Map.of()));
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private static TaskDefinitionSpec td(String image) {
        return new TaskDefinitionSpec("logship-fb", null, List.of(), List.of(new ContainerSpec("fluent-bit", image, 10, 128, null,
                true, List.of(), Map.of(), Map.of(), List.of(), List.of(), null)), List.of(), List.of(), TAGS);
    }

    /** One reconcile pass for a desired image (null: the daemon is gone from Git); returns the mutating calls it made. */
    private Map<String, Long> apply(String image) {
        ecs.server.resetCallCounts();
        List<DaemonDiffer.Desired> desired = image == null ? List.of() : List.of(new DaemonDiffer.Desired("prod/fb",
                new DaemonSpec("fb", List.of("managed"), 50.0, 0, List.of(), false, TAGS), td(image),
                daemons.daemonRequestDocument(td(image)), false));
        List<DaemonChange> changes = DaemonDiffer.diff(desired, daemons.observeDaemons(), OWNER, true);
        DaemonExecutor executor = new DaemonExecutor(daemons);
        executor.execute(changes);
        assertThat(executor.failures).isEmpty();
        Map<String, Long> mutating = new java.util.TreeMap<>(ecs.server.mutatingCallCounts());
        mutating.values().removeIf(v -> v == 0);
        return mutating;
    }

    @Test
    void createUpdateWithOneNewRevisionNothingOnReApplyThenPrune() {
        assertThat(apply("fluent/fluent-bit:5.1.1")).isEqualTo(Map.of("RegisterDaemonTaskDefinition", 1L, "CreateDaemon", 1L));
        assertThat(apply("fluent/fluent-bit:5.1.1")).as("re-apply").isEmpty();
        assertThat(apply("fluent/fluent-bit:5.1.2")).isEqualTo(Map.of("RegisterDaemonTaskDefinition", 1L, "UpdateDaemon", 1L));
        assertThat(apply("fluent/fluent-bit:5.1.2")).as("re-apply after update").isEmpty();
        assertThat(apply("fluent/fluent-bit:5.1.1")).as("back to an equal ACTIVE revision: reused, not registered")
                .isEqualTo(Map.of("UpdateDaemon", 1L));
        assertThat(apply(null)).isEqualTo(Map.of("DeleteDaemon", 1L));
        assertThat(daemons.observeDaemons()).isEmpty();
    }
}

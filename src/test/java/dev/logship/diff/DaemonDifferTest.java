package dev.logship.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.DaemonSpec;
import dev.logship.model.LiveDaemon;
import dev.logship.model.OwnershipTags;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonDifferTest {
    private static final String OWNER = "repo-a";
    private static final Map<String, String> MINE = Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER,
            OwnershipTags.OWNER, OWNER, OwnershipTags.FORWARDER, "prod/fb");
    private static final Map<String, Object> DOC = Map.of("family", "logship-fb", "containerDefinitions",
            List.of(Map.of("name", "fluent-bit", "image", "fluent/fluent-bit:5.1.1")));

    private static DaemonDiffer.Desired desired(Map<String, Object> doc, double drain, boolean adopt) {
        return new DaemonDiffer.Desired("prod/fb", new DaemonSpec("fb", List.of("managed"), drain, 5, List.of(), false, MINE), doc, adopt);
    }

    private static LiveDaemon live(String name, Map<String, String> tags, Map<String, Object> doc, double drain) {
        TaskDefinitionSpec td = new TaskDefinitionSpec("logship-fb", null, List.of(), List.of(), List.of(), List.of(), Map.of(), null, doc);
        return new LiveDaemon("arn:aws:ecs:us-east-1:1:daemon/prod/" + name, name, "ACTIVE", "arn:td", td,
                List.of("arn:aws:ecs:us-east-1:1:capacity-provider/managed"), drain, 5, List.of(), false, tags, null, 3, 1, 3);
    }

    private static DaemonChange only(List<DaemonChange> changes) {
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    @Test
    void absentDaemonIsCreatedAndAnEqualOneIsLeftAlone() {
        assertThat(only(DaemonDiffer.diff(List.of(desired(DOC, 25, false)), List.of(), OWNER, true)).kind())
                .isEqualTo(DaemonChange.Kind.CREATE);
        assertThat(only(DaemonDiffer.diff(List.of(desired(DOC, 25, false)), List.of(live("fb", MINE, DOC, 25)), OWNER, true)).kind())
                .isEqualTo(DaemonChange.Kind.NO_CHANGE);
    }

    @Test
    void aNewImageOrDrainPercentIsAnUpdateThatSaysWhat() {
        Map<String, Object> newer = Map.of("family", "logship-fb", "containerDefinitions",
                List.of(Map.of("name", "fluent-bit", "image", "fluent/fluent-bit:5.1.2")));
        DaemonChange change = only(DaemonDiffer.diff(List.of(desired(newer, 50, false)), List.of(live("fb", MINE, DOC, 25)), OWNER, true));

        assertThat(change.kind()).isEqualTo(DaemonChange.Kind.UPDATE);
        assertThat(change.differences()).containsExactly("drainPercent: 25.0 -> 50.0", "daemon task definition: [containerDefinitions]");
    }

    @Test
    void aDaemonLogshipDidNotCreateIsAConflictUnlessAdopted() {
        LiveDaemon foreign = live("fb", Map.of("team", "other"), DOC, 25);

        DaemonChange conflict = only(DaemonDiffer.diff(List.of(desired(DOC, 25, false)), List.of(foreign), OWNER, true));
        assertThat(conflict.kind()).isEqualTo(DaemonChange.Kind.CONFLICT);
        assertThat(conflict.reason()).contains("logship did not create it");
        assertThat(only(DaemonDiffer.diff(List.of(desired(DOC, 25, true)), List.of(foreign), OWNER, true)).kind())
                .isEqualTo(DaemonChange.Kind.UPDATE);
    }

    @Test
    void anotherInstallationsDaemonIsAConflictAndNeverPruned() {
        Map<String, String> theirs = Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER, OwnershipTags.OWNER, "repo-b");

        assertThat(only(DaemonDiffer.diff(List.of(desired(DOC, 25, true)), List.of(live("fb", theirs, DOC, 25)), OWNER, true)).kind())
                .isEqualTo(DaemonChange.Kind.CONFLICT);
        assertThat(DaemonDiffer.diff(List.of(), List.of(live("other", theirs, DOC, 25), live("x", Map.of(), DOC, 25)), OWNER, true))
                .isEmpty();
    }

    @Test
    void onlyOwnDaemonsGitNoLongerHasArePrunedAndOnlyWhenPruneIsOn() {
        assertThat(only(DaemonDiffer.diff(List.of(), List.of(live("old", MINE, DOC, 25)), OWNER, true)).kind())
                .isEqualTo(DaemonChange.Kind.PRUNE);
        assertThat(DaemonDiffer.diff(List.of(), List.of(live("old", MINE, DOC, 25)), OWNER, false)).isEmpty();
    }
}

package dev.logship.diff;

import static dev.logship.diff.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveCluster;
import dev.logship.model.LiveService;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {

    @Test
    void createsAMissingServiceWithPerNodeDesiredCountFromActiveNodes() {
        ClusterPlan plan = Differ.diff(cluster(target(true, false), perNodePort("seed")), liveCluster());
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Create.class,
                c -> assertThat(c.service().desiredCount()).isEqualTo(3));
        assertThat(plan.hasChanges()).isTrue();
    }

    @Test
    void sameContentIsNoChange() {
        DesiredForwarder desired = daemon("papertrail");
        ClusterPlan plan = Differ.diff(cluster(target(true, false), desired), liveCluster(live(desired)));
        assertThat(plan.changes()).singleElement().isInstanceOf(NoChange.class);
        assertThat(plan.hasChanges()).isFalse();
    }

    @Test
    void imageChangeIsAnUpdateNamingTheFieldPath() {
        DesiredForwarder old = daemon("papertrail");
        DesiredForwarder desired = withImage(old, "gliderlabs/logspout:v3.2.15");
        ClusterPlan plan = Differ.diff(cluster(target(true, false), desired), liveCluster(live(old)));
        Update update = plan.changes(Update.class).get(0);
        assertThat(update.diffs()).containsExactly(FieldDiff.of("taskDefinition.containers[logspout].image",
                "gliderlabs/logspout:v3.2.14", "gliderlabs/logspout:v3.2.15"));
        assertThat(update.needsTaskDefinition()).isTrue();
        assertThat(update.needsServiceUpdate()).isFalse();
    }

    @Test
    void perNodePortDesiredCountFollowsActiveNodes() {
        DesiredForwarder desired = perNodePort("seed");
        LiveCluster grown = new LiveCluster("prod-ecs", true, 5, List.of(live(desired)));
        Update update = Differ.diff(cluster(target(true, false), desired), grown).changes(Update.class).get(0);
        assertThat(update.diffs()).containsExactly(FieldDiff.of("service.desiredCount", "3", "5"));
        assertThat(update.needsServiceUpdate()).isTrue();
    }

    @Test
    void schedulingChangeIsARecreate() {
        DesiredForwarder before = daemon("papertrail");
        DesiredForwarder after = new DesiredForwarder(before.key(), before.taskDefinition(),
                new ServiceSpec("papertrail", SchedulingStrategy.REPLICA, null, List.of(), null, null, before.service().tags()),
                true, false, "abc123");
        ClusterPlan plan = Differ.diff(cluster(target(true, false), after), liveCluster(live(before)));
        assertThat(plan.changes()).singleElement().isInstanceOf(Recreate.class);
    }

    @Test
    void unmanagedSameNamedServiceIsAConflictUnlessAdopted() {
        DesiredForwarder desired = daemon("papertrail");
        LiveService handMade = withTags(live(desired), Map.of("owner", "someone"));
        ClusterPlan plan = Differ.diff(cluster(target(true, false), desired), liveCluster(handMade));
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Conflict.class,
                c -> assertThat(c.reason()).contains("without logship's ownership tags"));
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.hasConflicts()).isTrue();

        DesiredForwarder adopting = new DesiredForwarder(desired.key(), desired.taskDefinition(), desired.service(),
                false, true, "abc123");
        ClusterPlan adopted = Differ.diff(cluster(target(true, false), adopting), liveCluster(handMade));
        assertThat(adopted.changes()).singleElement().isInstanceOfSatisfying(Update.class,
                u -> assertThat(u.needsTagging()).isTrue());
    }

    @Test
    void serviceOwnedByAnotherLogshipForwarderIsAConflict() {
        DesiredForwarder desired = daemon("papertrail");
        LiveService others = withTags(live(desired), Map.of("logship.dev/managed-by", "logship",
                "logship.dev/forwarder", "staging/papertrail"));
        ClusterPlan plan = Differ.diff(cluster(target(true, false), desired), liveCluster(others));
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Conflict.class,
                c -> assertThat(c.reason()).contains("belongs to logship forwarder staging/papertrail"));
    }

    @Test
    void prunesOnlyLogshipServicesOfThisClusterMissingFromGit() {
        DesiredForwarder kept = daemon("papertrail");
        LiveService gone = live(daemon("old"));
        LiveService otherCluster = withTags(live(daemon("elsewhere")), Map.of("logship.dev/managed-by", "logship",
                "logship.dev/forwarder", "staging/elsewhere"));
        LiveService unmanaged = withTags(live(daemon("manual")), Map.of());
        ClusterPlan plan = Differ.diff(cluster(target(true, false), kept),
                liveCluster(live(kept), gone, otherCluster, unmanaged));
        assertThat(plan.changes(Prune.class)).extracting(Prune::serviceName).containsExactly("old");
    }

    @Test
    void pruneDisabledOnlyWarns() {
        ClusterPlan plan = Differ.diff(cluster(target(false, false), daemon("papertrail")),
                liveCluster(live(daemon("papertrail")), live(daemon("old"))));
        assertThat(plan.changes(Prune.class)).isEmpty();
        assertThat(plan.warnings()).singleElement().asString().contains("prune is disabled");
    }

    @Test
    void refusesToPruneTheLastForwarderUnlessAllowEmpty() {
        LiveCluster live = liveCluster(live(daemon("old")));
        ClusterPlan refused = Differ.diff(cluster(target(true, false)), live);
        assertThat(refused.changes()).isEmpty();
        assertThat(refused.warnings()).singleElement().asString().contains("allowEmpty");
        ClusterPlan allowed = Differ.diff(cluster(target(true, true)), live);
        assertThat(allowed.changes(Prune.class)).hasSize(1);
    }

    @Test
    void missingClusterPlansNothingAndSaysWhy() {
        ClusterPlan plan = Differ.diff(cluster(target(true, false), daemon("papertrail")),
                new LiveCluster("prod-ecs", false, 0, List.of()));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString().contains("not found");
    }

    @Test
    void serviceOnlyChangeNeedsNoNewRevisionEvenThoughTheContentHashMoved() {
        DesiredForwarder old = daemon("papertrail");
        java.util.Map<String, String> tags = new java.util.TreeMap<>(old.service().tags());
        tags.put(dev.logship.model.OwnershipTags.CONTENT_HASH, "def456");
        java.util.Map<String, String> tdTags = new java.util.TreeMap<>(old.taskDefinition().tags());
        tdTags.put(dev.logship.model.OwnershipTags.CONTENT_HASH, "def456");
        ServiceSpec s = old.service();
        DesiredForwarder desired = new DesiredForwarder(old.key(), old.taskDefinition().withTags(tdTags),
                new ServiceSpec(s.serviceName(), s.schedulingStrategy(), null, List.of(), s.deployment(), s.propagateTags(), tags),
                false, false, "def456");
        Update update = Differ.diff(cluster(target(true, false), desired), liveCluster(live(old))).changes(Update.class).get(0);
        assertThat(update.needsTaskDefinition()).isFalse();
        assertThat(update.needsServiceUpdate()).isTrue();
        assertThat(update.needsTagging()).isTrue();
    }

    static DesiredForwarder withImage(DesiredForwarder f, String image) {
        var td = f.taskDefinition();
        var c = td.containers().get(0);
        var changed = new dev.logship.model.ContainerSpec(c.name(), image, c.cpu(), c.memory(), c.memoryReservation(),
                c.essential(), c.command(), c.environment(), c.secrets(), c.portMappings(), c.mountPoints(), c.healthCheck());
        var newTd = new dev.logship.model.TaskDefinitionSpec(td.family(), td.networkMode(), td.requiresCompatibilities(),
                List.of(changed), td.volumes(), td.placementConstraints(), td.tags());
        return new DesiredForwarder(f.key(), newTd, f.service(), f.perNodePort(), f.adopt(), f.contentHash());
    }

    static LiveService withTags(LiveService s, Map<String, String> tags) {
        return new LiveService(s.serviceArn(), s.serviceName(), s.status(), s.schedulingStrategy(), s.desiredCount(),
                s.runningCount(), s.pendingCount(), s.taskDefinitionArn(), s.taskDefinition(), s.placementConstraints(),
                s.deployment(), s.propagateTags(), tags, s.rolloutState(), s.latestEvent());
    }
}

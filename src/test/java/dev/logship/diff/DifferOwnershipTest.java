package dev.logship.diff;

import static dev.logship.diff.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveService;
import dev.logship.model.OwnershipTags;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Owner ids: what an installation may update, claim and prune on a cluster it shares. */
class DifferOwnershipTest {
    private static final String MINE = "github.com/acme/a";
    private static final String THEIRS = "github.com/acme/b";

    private static DesiredCluster mine(boolean allowEmpty, DesiredForwarder... forwarders) {
        return cluster(target(true, allowEmpty), forwarders).ownedBy(MINE);
    }

    /** What ECS holds for {@code f} as installation {@code owner} made it (null: a logship without owner ids). */
    private static LiveService liveOf(DesiredForwarder f, String owner) {
        DesiredForwarder tagged = owner == null ? f : f.ownedBy(owner);
        return live(tagged);
    }

    @Test
    void ownedByTagsEveryServiceAndTaskDefinition() {
        DesiredCluster c = mine(false, daemon("papertrail"));
        assertThat(c.owner()).isEqualTo(MINE);
        assertThat(c.forwarders().get(0).service().tags()).containsEntry(OwnershipTags.OWNER, MINE);
        assertThat(c.forwarders().get(0).taskDefinition().tags()).containsEntry(OwnershipTags.OWNER, MINE);
        assertThat(Differ.diff(c, liveCluster(liveOf(daemon("papertrail"), MINE))).changes())
                .singleElement().isInstanceOf(NoChange.class);
    }

    @Test
    void anotherInstallationsServiceIsAConflictEvenWithAdopt() {
        DesiredForwarder adopting = new DesiredForwarder(daemon("papertrail").key(), daemon("papertrail").taskDefinition(),
                daemon("papertrail").service(), false, true, "abc123");
        ClusterPlan plan = Differ.diff(mine(false, adopting), liveCluster(liveOf(daemon("papertrail"), THEIRS)));
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.reason())
                .contains("belongs to another logship installation (owner " + THEIRS + ", this one is " + MINE + ")"));
    }

    @Test
    void neverPrunesAnotherInstallationsServiceOfTheSameClusterName() {
        ClusterPlan plan = Differ.diff(mine(true, daemon("papertrail")),
                liveCluster(liveOf(daemon("papertrail"), MINE), liveOf(daemon("theirs"), THEIRS), liveOf(daemon("old"), MINE)));
        assertThat(plan.changes(Prune.class)).extracting(Prune::serviceName).containsExactly("old");
    }

    @Test
    void aServiceOfAnEarlierLogshipIsClaimedByTheInstallationWithItsKey() {
        ClusterPlan plan = Differ.diff(mine(false, daemon("papertrail")), liveCluster(liveOf(daemon("papertrail"), null)));
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(Update.class, u -> {
            assertThat(u.needsTagging()).isTrue();
            assertThat(u.diffs()).anySatisfy(d -> assertThat(d.path()).contains(OwnershipTags.OWNER));
        });
    }

    @Test
    void aServiceOfAnEarlierLogshipNoForwarderClaimsIsNeverPrunedAndSaysHow() {
        ClusterPlan plan = Differ.diff(mine(true, daemon("papertrail")),
                liveCluster(liveOf(daemon("papertrail"), MINE), liveOf(daemon("legacy"), null)));
        assertThat(plan.changes(Prune.class)).isEmpty();
        assertThat(plan.warnings()).singleElement().asString()
                .contains("not pruning legacy", "without owner ids", OwnershipTags.OWNER + "=" + MINE);
    }

    @Test
    void relationIsDecidedFromTagsAlone() {
        Map<String, String> tags = new TreeMap<>(Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER,
                OwnershipTags.FORWARDER, "prod/x"));
        assertThat(OwnershipTags.relation(tags, MINE, "prod/x")).isEqualTo(OwnershipTags.Relation.CLAIMABLE);
        assertThat(OwnershipTags.relation(tags, null, "prod/x")).isEqualTo(OwnershipTags.Relation.MINE);
        assertThat(OwnershipTags.relation(tags, MINE, "prod/y")).isEqualTo(OwnershipTags.Relation.OTHER_KEY);
        tags.put(OwnershipTags.OWNER, THEIRS);
        assertThat(OwnershipTags.relation(tags, MINE, "prod/x")).isEqualTo(OwnershipTags.Relation.OTHER_OWNER);
        assertThat(OwnershipTags.relation(tags, null, "prod/x")).isEqualTo(OwnershipTags.Relation.OTHER_OWNER);
        assertThat(OwnershipTags.relation(Map.of("team", "x"), MINE, "prod/x")).isEqualTo(OwnershipTags.Relation.UNMANAGED);
        assertThat(OwnershipTags.ownedBy(tags, THEIRS)).isTrue();
        assertThat(OwnershipTags.ownedBy(tags, MINE)).isFalse();
    }
}

package dev.logship.aws;

import static dev.logship.aws.Desired.cluster;
import static dev.logship.aws.Desired.daemon;
import static dev.logship.aws.Desired.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Update;
import dev.logship.model.DesiredCluster;
import dev.logship.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Issue 10, "the task definition cache never refreshes tags": a revision's content is read once,
 * its tags again once they are older than the TTL (one ListTagsForResource per revision) or as
 * soon as logship itself changed them. Calls are counted by local-ecs.
 */
class TaskDefinitionTagRefreshTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
    private LocalEcsHarness ecs;
    private final DesiredCluster prod = cluster(target("prod", false), daemon("prod", "papertrail"));

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of("prod-ecs", 2), new TaskDefinitionCache(TaskDefinitionCache.TAG_TTL, clock));
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private String revision() {
        return ecs.gateways.forCluster(prod.target()).observe().services().get(0).taskDefinitionArn();
    }

    private long calls(String action) {
        return ecs.server.callCounts().getOrDefault(action, 0L);
    }

    @Test
    void tagsSomeoneElseChangedAreReadAgainOnceTheyAreOlderThanTheTtl() {
        assertThat(ecs.synchronizer.sync(prod).failures()).isEmpty();
        String arn = revision();
        try (EcsClient sdk = ecs.sdk("us-east-1")) {
            sdk.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("team").value("someone-else")));
        }
        ecs.server.resetCallCounts();
        clock.advance(TaskDefinitionCache.TAG_TTL.minusSeconds(1));
        assertThat(ecs.synchronizer.plan(prod).hasChanges()).as("within the TTL the cached tags stand").isFalse();
        assertThat(calls("ListTagsForResource") + calls("DescribeTaskDefinition")).isZero();

        clock.advance(Duration.ofSeconds(1));
        ClusterPlan stale = ecs.synchronizer.plan(prod);
        assertThat(stale.changes(Update.class)).singleElement().satisfies(u -> assertThat(u.diffs())
                .anySatisfy(d -> assertThat(d.path() + ": " + d.oldValue() + " -> " + d.newValue())
                        .isEqualTo("taskDefinition.tags[team]: someone-else -> platform")));
        assertThat(calls("ListTagsForResource")).isEqualTo(1);
        assertThat(calls("DescribeTaskDefinition")).as("the content is immutable: never described again").isZero();

        ecs.server.resetCallCounts();
        ecs.synchronizer.plan(prod);
        assertThat(calls("ListTagsForResource")).as("fresh again for another TTL").isZero();

        // The retagged revision no longer equals Git (tags are part of it): apply registers one that does.
        assertThat(ecs.synchronizer.apply(prod, stale).failures()).isEmpty();
        assertThat(revision()).endsWith("logship-papertrail:2");
        assertThat(ecs.synchronizer.plan(prod).hasChanges()).isFalse();
    }

    @Test
    void logshipsOwnTaggingMarksTheTagsStaleAtOnce() {
        ecs.synchronizer.sync(prod);
        String arn = revision();
        ecs.gateways.forCluster(prod.target()).tagResource(arn, Map.of("team", "moved"));
        ecs.server.resetCallCounts();
        assertThat(ecs.gateways.forCluster(prod.target()).describeTaskDefinition(arn).tags()).containsEntry("team", "moved");
        assertThat(calls("ListTagsForResource")).isEqualTo(1);
        ecs.gateways.forCluster(prod.target()).untagResource(arn, java.util.Set.of("team"));
        assertThat(ecs.gateways.forCluster(prod.target()).describeTaskDefinition(arn).tags()).doesNotContainKey("team");
        assertThat(calls("ListTagsForResource")).isEqualTo(2);
        assertThat(calls("DescribeTaskDefinition")).isZero();
    }
}

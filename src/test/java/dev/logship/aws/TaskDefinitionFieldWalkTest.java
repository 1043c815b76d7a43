package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.FieldDiff;
import dev.logship.diff.TaskDefinitionDiff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The comparison covers every field of RegisterTaskDefinition, as the SDK's metadata lists
 * them (no hand-written list): a non-default value in any one of them on the live revision is
 * reported, and what only ECS sets is not.
 */
class TaskDefinitionFieldWalkTest {
    static final Map<String, Object> DESIRED = TaskDefinitionDocuments.desired(
            Desired.perNodePort("prod", "papertrail").taskDefinition());

    @Test
    void aNonDefaultValueInAnyFieldOfTheLiveRevisionIsReported() {
        List<SdkModel.Leaf> leaves = SdkModel.leaves(RegisterTaskDefinitionRequest.builder().build());
        assertThat(leaves).as("leaf fields found through sdkFields()").hasSizeGreaterThan(100);
        assertThat(leaves).extracting(SdkModel.Leaf::toString).contains("taskRoleArn", "pidMode", "ipcMode",
                "containerDefinitions.0.privileged", "containerDefinitions.0.entryPoint", "containerDefinitions.0.user",
                "containerDefinitions.0.logConfiguration.logDriver", "containerDefinitions.0.dockerLabels",
                "containerDefinitions.0.ulimits.0.softLimit", "containerDefinitions.0.linuxParameters.initProcessEnabled");
        List<String> missed = new ArrayList<>();
        for (SdkModel.Leaf leaf : leaves) {
            Map<String, Object> tampered = SdkModel.with(DESIRED, leaf, SdkModel.nonDefault(leaf.field()));
            List<FieldDiff> diffs = TaskDefinitionDiff.of(liveDocument(tampered), DESIRED);
            if (diffs.stream().noneMatch(d -> (d.path() + "|" + d.oldValue() + "|" + d.newValue()).contains(leaf.name()))) {
                missed.add(leaf + " " + diffs);
            }
        }
        assertThat(missed).as("fields whose drift went unreported").isEmpty();
    }

    @Test
    void whatOnlyEcsSetsIsNotCompared() {
        TaskDefinition described = SdkModel.<TaskDefinition>build(TaskDefinition::builder, DESIRED).toBuilder()
                .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/logship-papertrail:9").revision(9)
                .status("ACTIVE").compatibilitiesWithStrings("EC2", "EXTERNAL").requiresAttributes(a -> a.name("ecs.capability.x"))
                .registeredAt(Instant.parse("2026-01-01T00:00:00Z")).registeredBy("arn:aws:iam::000000000000:root")
                .deregisteredAt(Instant.parse("2026-01-02T00:00:00Z")).build();
        Map<String, Object> live = TaskDefinitionDocuments.live(described, tags(DESIRED));
        assertThat(live).doesNotContainKeys("taskDefinitionArn", "revision", "status", "compatibilities",
                "requiresAttributes", "registeredAt", "registeredBy", "deregisteredAt");
        assertThat(TaskDefinitionDiff.of(live, DESIRED)).isEmpty();
        assertThat(TaskDefinitionDiff.sameContent(live, DESIRED)).isTrue();
    }

    @Test
    void aDifferentTagMakesTheRevisionADifferentOne() {
        Map<String, Object> retagged = SdkModel.with(DESIRED, new SdkModel.Leaf(List.of("tags", 0, "value"),
                RegisterTaskDefinitionRequest.builder().build().sdkFields().get(0)), "someone-else");
        assertThat(TaskDefinitionDiff.sameContent(liveDocument(retagged), DESIRED)).isFalse();
    }

    /** The document as DescribeTaskDefinition (include TAGS) would return {@code sent}. */
    static Map<String, Object> liveDocument(Map<String, Object> sent) {
        TaskDefinition described = SdkModel.build(TaskDefinition::builder, sent);
        return TaskDefinitionDocuments.live(described, tags(sent));
    }

    @SuppressWarnings("unchecked")
    static List<Tag> tags(Map<String, Object> sent) {
        List<Tag> out = new ArrayList<>();
        ((List<Map<String, Object>>) sent.getOrDefault("tags", List.of())).forEach(t -> out.add(SdkModel.build(Tag::builder, t)));
        return out;
    }
}

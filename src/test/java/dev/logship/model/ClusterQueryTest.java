package dev.logship.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterQueryTest {
    private static final Map<String, String> T3_MEDIUM = Map.of("ecs.os-type", "linux", "ecs.instance-type", "t3.medium",
            "ecs.availability-zone", "us-east-1a", "ecs.ami-id", "ami-0abc123");

    private static boolean matches(String expression, Map<String, String> attributes) {
        return ClusterQuery.parse(expression).matches(attributes);
    }

    @Test
    void evaluatesTheFourOperatorsOnAttributes() {
        assertThat(matches("attribute:ecs.os-type == linux", T3_MEDIUM)).isTrue();
        assertThat(matches("attribute:ecs.os-type == windows", T3_MEDIUM)).isFalse();
        assertThat(matches("attribute:ecs.instance-type in [t2.small, t3.medium]", T3_MEDIUM)).isTrue();
        assertThat(matches("attribute:ecs.instance-type in [t2.small,t2.medium]", T3_MEDIUM)).isFalse();
        assertThat(matches("attribute:ecs.availability-zone != us-east-1a", T3_MEDIUM)).isFalse();
        assertThat(matches("attribute:ecs.availability-zone != us-east-1b", T3_MEDIUM)).isTrue();
        assertThat(matches("attribute:ecs.ami-id =~ ami-*", T3_MEDIUM)).isTrue();
        assertThat(matches("attribute:ecs.instance-type =~ t3.*", T3_MEDIUM)).isTrue();
        assertThat(matches("attribute:ecs.instance-type =~ t2.*", T3_MEDIUM)).isFalse();
    }

    @Test
    void aPatternMatchesTheWholeValueAndOnlyStarIsAWildcard() {
        assertThat(matches("attribute:ecs.instance-type =~ t3", T3_MEDIUM)).as("whole value").isFalse();
        assertThat(matches("attribute:ecs.instance-type =~ *medium", T3_MEDIUM)).isTrue();
        assertThat(matches("attribute:ecs.instance-type =~ t3.medium", Map.of("ecs.instance-type", "t3xmedium")))
                .as("a dot is a dot").isFalse();
    }

    @Test
    void aNodeWithoutTheAttributeMatchesOnlyNotEquals() {
        Map<String, String> none = Map.of();
        assertThat(matches("attribute:team == logs", none)).isFalse();
        assertThat(matches("attribute:team in [logs]", none)).isFalse();
        assertThat(matches("attribute:team =~ *", none)).isFalse();
        assertThat(matches("attribute:team != logs", none)).isTrue();
    }

    @Test
    void parsesNamesOperatorsAndValuesWithOrWithoutSpaces() {
        assertThat(ClusterQuery.parse("  attribute:stack==prod ")).isEqualTo(
                new ClusterQuery("stack", ClusterQuery.Operator.EQUALS, List.of("prod")));
        assertThat(ClusterQuery.parse("attribute:ecs.instance-type in [ t2.small ,t2.medium ]").values())
                .containsExactly("t2.small", "t2.medium");
    }

    @Test
    void refusesWhatItCannotEvaluateInsteadOfGuessing() {
        for (String expression : List.of("", "runningTasksCount == 0", "agentConnected == true", "ec2InstanceId in [i-1]",
                "attribute:ecs.os-type == linux and attribute:ecs.instance-type == t3.medium",
                "attribute:a == b or attribute:c == d", "(attribute:a == b)", "attribute:a !in [b]", "attribute:a exists",
                "attribute:ecs.instance-type =~ t[23].*", "attribute:a > 3", "attribute:a == \"b c\"", "attribute:a in []",
                "task:group == service:web", "attribute:a ==")) {
            assertThatThrownBy(() -> ClusterQuery.parse(expression)).as(expression)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(ClusterQuery.ACCEPTED);
        }
    }

    @Test
    void countsConnectedNodesMatchingEveryMemberOfConstraint() {
        List<LiveNode> nodes = List.of(
                new LiveNode("n1", true, Map.of("ecs.instance-type", "t3.medium", "ecs.availability-zone", "us-east-1a")),
                new LiveNode("n2", true, Map.of("ecs.instance-type", "t3.medium", "ecs.availability-zone", "us-east-1b")),
                new LiveNode("n3", false, Map.of("ecs.instance-type", "t3.medium", "ecs.availability-zone", "us-east-1b")),
                new LiveNode("n4", true, Map.of("ecs.instance-type", "m5.large", "ecs.availability-zone", "us-east-1b")));
        assertThat(NodeSelection.count(nodes, List.of())).as("connected").isEqualTo(3);
        assertThat(NodeSelection.count(nodes, List.of(new PlacementConstraint("memberOf", "attribute:ecs.instance-type =~ t3.*"),
                new PlacementConstraint("distinctInstance", null)))).isEqualTo(2);
        assertThat(NodeSelection.count(nodes, List.of(new PlacementConstraint("memberOf", "attribute:ecs.instance-type =~ t3.*"),
                new PlacementConstraint("memberOf", "attribute:ecs.availability-zone != us-east-1a")))).isEqualTo(1);
    }

    @Test
    void aDeploymentThatCannotRollAfterEcsRoundingGetsMinimumZero() {
        DeploymentSpec rendered = new DeploymentSpec(100, 50);
        assertThat(rendered.rollableFor(1)).isEqualTo(new DeploymentSpec(100, 0));
        assertThat(rendered.rollableFor(2)).isEqualTo(rendered);
        assertThat(rendered.rollableFor(3)).isEqualTo(rendered);
        assertThat(rendered.rollableFor(0)).isEqualTo(rendered);
        assertThat(DeploymentSpec.defaults().rollableFor(1)).isEqualTo(DeploymentSpec.defaults());
    }
}

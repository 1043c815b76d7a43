package dev.logship.manifest;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What validate accepts for perNodePort forwarders (issue 10 item 4). */
class PerNodePortValidationTest {

    private static List<String> problems(String... pathsAndContents) {
        return Manifests.parse(TestSnapshots.of(pathsAndContents)).problems().stream().map(Problem::toString).toList();
    }

    private static String memberOf(String expression) {
        return "routes: [udp://a.example.com:1]\nscheduling: perNodePort\nplacementConstraints:\n  - type: memberOf\n"
                + "    expression: \"" + expression + "\"";
    }

    @Test
    void aMemberOfExpressionLogshipCannotEvaluateIsAProblemAtItsLine() {
        assertThat(problems("prod/c.yaml", cluster("prod", "us-east-1"),
                "prod/f.yaml", forwarder("pt", memberOf("attribute:ecs.os-type == linux and runningTasksCount == 0"))))
                .containsExactly("prod/f.yaml:10:19: spec.placementConstraints[0].expression: logship cannot evaluate "
                        + "\"attribute:ecs.os-type == linux and runningTasksCount == 0\": expected attribute:<name> followed by"
                        + " ==, !=, =~ (with * as wildcard) or in [v1, v2], e.g. attribute:ecs.instance-type in [t3.small,"
                        + " t3.medium]; for \"and\" use several memberOf constraints (all must hold)");
    }

    @Test
    void theFourOperatorsOnAttributesAreAccepted() {
        for (String expression : List.of("attribute:ecs.os-type == linux", "attribute:ecs.instance-type in [t2.small, t2.medium]",
                "attribute:ecs.availability-zone != us-east-1a", "attribute:ecs.ami-id =~ ami-*")) {
            assertThat(problems("prod/c.yaml", cluster("prod", "us-east-1"), "prod/f.yaml", forwarder("pt", memberOf(expression))))
                    .as(expression).isEmpty();
        }
    }

    @Test
    void twoPerNodePortForwardersSharingAHostPortOnOneClusterAreAProblemNamingTheFirst() {
        String spec = "routes: [udp://a.example.com:1]\nscheduling: perNodePort\nhostPort: 5000";
        assertThat(problems("prod/c.yaml", cluster("prod", "us-east-1"),
                "prod/a.yaml", forwarder("first", spec), "prod/b.yaml", forwarder("second", spec)))
                .containsExactly("prod/b.yaml:4:3: spec.hostPort: hostPort 5000 on Cluster \"prod\" is already taken by "
                        + "perNodePort LogForwarder \"first\" (prod/a.yaml:4); ECS can place only one of them per node: "
                        + "choose another hostPort");
    }

    @Test
    void theSameHostPortOnDifferentClustersOrAnotherPortIsFine() {
        String spec = "routes: [udp://a.example.com:1]\nscheduling: perNodePort\nhostPort: 5000";
        assertThat(problems("prod/c.yaml", cluster("prod", "us-east-1"), "prod/a.yaml", forwarder("first", spec),
                "dr/c.yaml", cluster("dr", "us-west-2"), "dr/b.yaml", forwarder("second", spec))).isEmpty();
        assertThat(problems("prod/c.yaml", cluster("prod", "us-east-1"), "prod/a.yaml", forwarder("first", spec),
                "prod/b.yaml", forwarder("second", spec.replace("5000", "5001")))).isEmpty();
    }
}

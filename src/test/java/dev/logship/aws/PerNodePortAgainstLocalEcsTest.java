package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.sync.Health;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/** perNodePort as ECS runs it (issue 10 item 4), through the real SDK against local-ecs. */
class PerNodePortAgainstLocalEcsTest {
    private LocalEcsHarness ecs;
    private EcsClient sdk;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of("prod-ecs", 2, "solo-ecs", 1));
        sdk = ecs.sdk("us-east-1");
    }

    @AfterEach
    void stop() {
        sdk.close();
        ecs.close();
    }

    private static DesiredCluster desired(String cluster, String ecsCluster, String forwarders) {
        ReadResult read = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster(cluster, "us-east-1")
                .replace("spec:\n", "spec:\n  clusterName: " + ecsCluster + "\n"), "f.yaml", forwarders));
        assertThat(read.problems()).isEmpty();
        DesiredState state = read.state();
        return state.cluster(cluster).orElseThrow();
    }

    private Service service(String cluster, String name) {
        return sdk.describeServices(r -> r.cluster(cluster).services(name)).services().get(0);
    }

    private boolean healthy(DesiredCluster desired) {
        return ecs.synchronizer.health(desired).values().stream().allMatch(h -> h.status() == Health.Status.Healthy);
    }

    @Test
    void desiredCountIsTheConnectedNodesThatSatisfyThePlacementConstraints() {
        // prod-ecs: two t3.medium nodes (local-ecs's default attributes) and one m5.large; one t3.medium agent disconnected
        sdk.registerContainerInstance(r -> r.cluster("prod-ecs").attributes(a -> a.name("ecs.instance-type").value("m5.large")));
        assertThat(ecs.server.setAgentConnected("prod-ecs", 1, false)).isEqualTo(1);
        DesiredCluster prod = desired("prod", "prod-ecs", String.join("\n---\n",
                TestSnapshots.forwarder("small", """
                        clusters: [prod]
                        scheduling: perNodePort
                        hostPort: 1234
                        routes: ["udp://a.example.com:1"]
                        placementConstraints:
                          - type: memberOf
                            expression: attribute:ecs.instance-type in [t3.small, t3.medium]"""),
                TestSnapshots.forwarder("anywhere", """
                        clusters: [prod]
                        scheduling: perNodePort
                        hostPort: 1235
                        routes: ["udp://a.example.com:1"]""")));

        assertThat(ecs.synchronizer.sync(prod).failures()).isEmpty();

        assertThat(service("prod-ecs", "small").desiredCount()).as("t3.medium and connected").isEqualTo(1);
        assertThat(service("prod-ecs", "anywhere").desiredCount()).as("connected").isEqualTo(2);
        Waits.until("both forwarders are Healthy", Duration.ofSeconds(20), () -> healthy(prod));
        assertThat(ecs.synchronizer.plan(prod).hasChanges()).isFalse();

        // the agent reconnects: one more node for each
        ecs.server.setAgentConnected("prod-ecs", 1, true);
        assertThat(ecs.synchronizer.sync(prod).failures()).isEmpty();
        assertThat(service("prod-ecs", "small").desiredCount()).isEqualTo(2);
        assertThat(service("prod-ecs", "anywhere").desiredCount()).isEqualTo(3);
    }

    @Test
    void aOneNodeClusterRollsANewImageWithLogshipsDeploymentConfiguration() {
        String spec = """
                scheduling: perNodePort
                hostPort: 1234
                routes: ["udp://a.example.com:1"]""";
        DesiredCluster v1 = desired("solo", "solo-ecs", TestSnapshots.forwarder("seed", spec));
        assertThat(ecs.synchronizer.sync(v1).failures()).isEmpty();
        Waits.until("v1 is Healthy", Duration.ofSeconds(20), () -> healthy(v1));
        Service created = service("solo-ecs", "seed");
        assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(100);
        assertThat(created.deploymentConfiguration().minimumHealthyPercent()).as("50% of 1 rounds up to 1: stuck").isZero();

        DesiredCluster v2 = desired("solo", "solo-ecs", TestSnapshots.forwarder("seed",
                "image: gliderlabs/logspout:v3.2.15\n" + spec));
        assertThat(ecs.synchronizer.sync(v2).failures()).isEmpty();
        Waits.until("the new image rolled out on the one node", Duration.ofSeconds(20), () -> healthy(v2)
                && service("solo-ecs", "seed").deployments().size() == 1);
        assertThat(service("solo-ecs", "seed").taskDefinition()).endsWith(":2");
    }
}

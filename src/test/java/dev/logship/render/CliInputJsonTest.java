package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.DeploymentSpec;
import dev.logship.model.PlacementConstraint;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliInputJsonTest {

    @Test
    void createServiceUsesApiFieldNamesAndTagPairs() {
        ServiceSpec spec = new ServiceSpec("pt", SchedulingStrategy.REPLICA, 3,
                List.of(new PlacementConstraint("distinctInstance", null)), new DeploymentSpec(100, 50), "SERVICE",
                Map.of("b", "2", "a", "1"));
        Map<String, Object> input = CliInputJson.createService(spec, "prod-ecs", "logship-pt", true);
        assertThat(input.keySet()).containsExactly("cluster", "serviceName", "taskDefinition", "schedulingStrategy",
                "desiredCount", "placementConstraints", "deploymentConfiguration", "propagateTags", "tags");
        assertThat(input.get("desiredCount")).isEqualTo(3);
        assertThat(input.get("placementConstraints")).isEqualTo(List.of(Map.of("type", "distinctInstance")));
        assertThat(input.get("tags")).isEqualTo(List.of(Map.of("key", "a", "value", "1"), Map.of("key", "b", "value", "2")));
    }

    @Test
    void daemonServicesCarryNoDesiredCountNorDefaultDeployment() {
        ServiceSpec spec = new ServiceSpec("pt", SchedulingStrategy.DAEMON, null, List.of(), null, null, Map.of());
        Map<String, Object> input = CliInputJson.createService(spec, "c", "logship-pt", true);
        assertThat(input).doesNotContainKeys("desiredCount", "deploymentConfiguration", "placementConstraints", "propagateTags");
    }

    @Test
    void masksRoutesInTheCommandUnlessAskedToShowThem() {
        var result = DesiredStates.read(dev.logship.manifest.TestSnapshots.of(
                "c.yaml", dev.logship.manifest.TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", dev.logship.manifest.TestSnapshots.forwarder("pt", "routes: [syslog+tls://logs3.papertrailapp.com:12345]")));
        var taskDefinition = result.state().clusters().get(0).forwarders().get(0).taskDefinition();
        @SuppressWarnings("unchecked")
        var masked = (List<Map<String, Object>>) CliInputJson.registerTaskDefinition(taskDefinition, true).get("containerDefinitions");
        @SuppressWarnings("unchecked")
        var shown = (List<Map<String, Object>>) CliInputJson.registerTaskDefinition(taskDefinition, false).get("containerDefinitions");
        assertThat(masked.get(0).get("command")).isEqualTo(List.of("syslog+tls://****:****"));
        assertThat(shown.get(0).get("command")).isEqualTo(List.of("syslog+tls://logs3.papertrailapp.com:12345"));
        assertThat(masked.get(0).toString()).doesNotContain("papertrailapp");
    }
}

package dev.logship.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.render.DesiredStates;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Switching spec.agent from logspout to fluentBit is a plain update whose field diffs say so. */
class AgentSwitchPlanTest {
    private static TaskDefinitionSpec render(String spec) {
        var result = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("papertrail", spec)));
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow().forwarders().get(0).taskDefinition();
    }

    @Test
    void theSwitchShowsTheContainersTheImagesAndTheNetworkModeButNoRoute() {
        TaskDefinitionSpec logspout = render("routes: [syslog+tls://logs.example.com:6514]");
        TaskDefinitionSpec fluentBit = render("agent: fluentBit\nroutes: [syslog+tls://logs.example.com:6514]");
        List<FieldDiff> diffs = Differ.compare(FieldPaths.of(logspout), FieldPaths.of(fluentBit)).stream()
                .map(FieldDiff::masked).toList();
        assertThat(diffs).extracting(d -> d.path() + ": " + d.oldValue() + " -> " + d.newValue()).contains(
                "taskDefinition.networkMode: bridge -> host",
                "taskDefinition.containers[logspout].image: gliderlabs/logspout:v3.2.14 -> null",
                "taskDefinition.containers[fluent-bit].image: null -> fluent/fluent-bit:5.1.1");
        assertThat(diffs.toString()).doesNotContain("logs.example.com", "6514");
    }
}

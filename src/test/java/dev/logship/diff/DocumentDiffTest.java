package dev.logship.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The full-document comparison on plain data shaped like RegisterTaskDefinition's input (the
 * {@code aws} adapter produces it from the SDK; here it is written by hand): what ECS fills in
 * is no difference, what it does not is one, and routes never show.
 */
class DocumentDiffTest {
    private static final String ROUTE = "tcp://logs9.papertrailapp.com:40404";

    private static Map<String, Object> desired(Map<String, Object> container, String networkMode) {
        Map<String, Object> base = new java.util.TreeMap<>(Map.of("family", "logship-pt",
                "containerDefinitions", List.of(container),
                "volumes", List.of(Map.of("name", "sock", "host", Map.of("sourcePath", "/var/run/docker.sock"))),
                "tags", List.of(Map.of("key", "logship.dev/managed-by", "value", "logship"), Map.of("key", "team", "value", "a"))));
        if (networkMode != null) {
            base.put("networkMode", networkMode);
        }
        return base;
    }

    private static Map<String, Object> container(Map<String, Object> extra) {
        Map<String, Object> c = new java.util.TreeMap<>(Map.of("name", "logspout", "image", "gliderlabs/logspout:v3.2.14",
                "memory", 128, "command", List.of("syslog://a,syslog://b"),
                "portMappings", List.of(Map.of("containerPort", 8125, "hostPort", 8125)),
                "mountPoints", List.of(Map.of("sourceVolume", "sock", "containerPath", "/var/run/docker.sock"))));
        c.putAll(extra);
        return c;
    }

    private static List<String> diffs(Map<String, Object> live, Map<String, Object> desired) {
        return TaskDefinitionDiff.of(live, desired).stream().map(d -> d.path() + ": " + d.oldValue() + " -> " + d.newValue()).toList();
    }

    @Test
    void ignoresEverythingEcsFillsInAndTheOrderOfUnorderedLists() {
        Map<String, Object> want = desired(container(Map.of("essential", true)), "bridge");
        Map<String, Object> live = desired(container(Map.of("cpu", 0, "essential", true, "privileged", false,
                "environment", List.of(), "volumesFrom", List.of(), "systemControls", List.of(),
                "portMappings", List.of(Map.of("containerPort", 8125, "hostPort", 8125, "protocol", "tcp")),
                "mountPoints", List.of(Map.of("sourceVolume", "sock", "containerPath", "/var/run/docker.sock", "readOnly", false)),
                "healthCheck", Map.of())), null);
        live.put("placementConstraints", List.of());
        live.put("tags", List.of(Map.of("key", "team", "value", "a"), Map.of("key", "logship.dev/managed-by", "value", "logship")));
        assertThat(diffs(live, want)).isEmpty();
        assertThat(TaskDefinitionDiff.sameContent(live, want)).isTrue();
    }

    @Test
    void hostPortFollowsTheNetworkMode() {
        Map<String, Object> dynamic = container(Map.of("portMappings", List.of(Map.of("containerPort", 8125))));
        Map<String, Object> filled = container(Map.of("portMappings", List.of(Map.of("containerPort", 8125, "hostPort", 8125))));
        assertThat(diffs(desired(filled, "host"), desired(dynamic, "host"))).as("outside bridge ECS sets hostPort = containerPort").isEmpty();
        assertThat(diffs(desired(filled, "bridge"), desired(dynamic, "bridge")))
                .containsExactly("taskDefinition.containerDefinitions[logspout].portMappings: [{containerPort=8125, hostPort=8125}]"
                        + " -> [{containerPort=8125}]");
    }

    @Test
    void aFieldGitDoesNotSetIsDriftUnlessItHoldsEcsDefault() {
        Map<String, Object> want = desired(container(Map.of()), null);
        Map<String, Object> live = desired(container(Map.of("essential", false, "user", "root",
                "linuxParameters", Map.of("initProcessEnabled", true, "capabilities", Map.of("add", List.of("SYS_ADMIN"))),
                "ulimits", List.of(Map.of("name", "nofile", "softLimit", 1, "hardLimit", 2)))), null);
        live.put("pidMode", "host");
        assertThat(diffs(live, want)).containsExactlyInAnyOrder(
                "taskDefinition.containerDefinitions[logspout].essential: false -> null",
                "taskDefinition.containerDefinitions[logspout].user: root -> null",
                "taskDefinition.containerDefinitions[logspout].linuxParameters.initProcessEnabled: true -> null",
                "taskDefinition.containerDefinitions[logspout].linuxParameters.capabilities.add: [SYS_ADMIN] -> null",
                "taskDefinition.containerDefinitions[logspout].ulimits[nofile].hardLimit: 2 -> null",
                "taskDefinition.containerDefinitions[logspout].ulimits[nofile].softLimit: 1 -> null",
                "taskDefinition.pidMode: host -> null");
    }

    @Test
    void orderMattersInCommandsButNotInSetsOfValues() {
        Map<String, Object> want = desired(container(Map.of("entryPoint", List.of("sh", "-c"),
                "dockerSecurityOptions", List.of("a", "b"))), null);
        Map<String, Object> live = desired(container(Map.of("entryPoint", List.of("-c", "sh"),
                "dockerSecurityOptions", List.of("b", "a"))), null);
        assertThat(diffs(live, want)).singleElement().asString().startsWith("taskDefinition.containerDefinitions[logspout].entryPoint:");
    }

    @Test
    void tagsArePartOfTheRevision() {
        Map<String, Object> want = desired(container(Map.of()), null);
        Map<String, Object> live = desired(container(Map.of()), null);
        live.put("tags", List.of(Map.of("key", "logship.dev/managed-by", "value", "logship"), Map.of("key", "team", "value", "b")));
        assertThat(diffs(live, want)).containsExactly("taskDefinition.tags[team]: b -> a");
        assertThat(TaskDefinitionDiff.sameContent(live, want)).isFalse();
    }

    @Test
    void routesAreMaskedWhereverTheyAppear() {
        Map<String, Object> want = desired(container(Map.of("environment", List.of(Map.of("name", "ROUTE_URIS", "value", ROUTE)),
                "command", List.of(ROUTE))), null);
        Map<String, Object> live = desired(container(Map.of("entryPoint", List.of("sh", "-c", "echo " + ROUTE),
                "logConfiguration", Map.of("logDriver", "syslog", "options", Map.of("syslog-address", ROUTE)),
                "dockerLabels", Map.of("route", ROUTE), "command", List.of("udp://other:1"))), null);
        List<FieldDiff> diffs = TaskDefinitionDiff.of(live, want);
        assertThat(diffs).extracting(FieldDiff::path).contains(
                "taskDefinition.containerDefinitions[logspout].entryPoint",
                "taskDefinition.containerDefinitions[logspout].logConfiguration.options.syslog-address",
                "taskDefinition.containerDefinitions[logspout].dockerLabels.route",
                "taskDefinition.containerDefinitions[logspout].environment[ROUTE_URIS]",
                "taskDefinition.containerDefinitions[logspout].command");
        assertThat(diffs).filteredOn(d -> (d.oldValue() + " " + d.newValue()).contains("://"))
                .hasSize(5).allSatisfy(d -> assertThat(d.sensitive()).as(d.path()).isTrue());
        String shown = diffs.stream().map(FieldDiff::masked).map(FieldDiff::toString).reduce("", String::concat);
        assertThat(shown).doesNotContain("papertrailapp", "40404", "other:1");
    }
}

package dev.logship.render;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.MountPoint;
import dev.logship.model.PortMapping;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.Volume;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderDecisionsTest {

    private static ReadResult read(String... pathsAndContents) {
        return DesiredStates.read(TestSnapshots.of(pathsAndContents));
    }

    private static DesiredForwarder only(String forwarderSpec) {
        ReadResult result = read("c.yaml", cluster("prod", "us-east-1"), "f.yaml", forwarder("pt", forwarderSpec));
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow().forwarders().get(0);
    }

    @Test
    void daemonForwarderRunsLogspoutWithTheDockerSocketAndTheNodesHostname() {
        DesiredForwarder f = only("routes: [syslog+tls://a.example.com:1, udp://b.example.com:2]");
        assertThat(f.service().schedulingStrategy()).isEqualTo(SchedulingStrategy.DAEMON);
        assertThat(f.service().desiredCount()).isNull();
        assertThat(f.service().serviceName()).isEqualTo("pt");
        assertThat(f.perNodePort()).isFalse();
        assertThat(f.taskDefinition().family()).isEqualTo("logship-pt");
        assertThat(f.taskDefinition().networkMode()).isEqualTo("bridge");
        assertThat(f.taskDefinition().requiresCompatibilities()).containsExactly("EC2");
        assertThat(f.taskDefinition().volumes()).containsExactly(
                new Volume("dockersock", "/var/run/docker.sock"), new Volume("hostname", "/etc/hostname"));
        ContainerSpec c = f.taskDefinition().containers().get(0);
        assertThat(c.name()).isEqualTo("logspout");
        assertThat(c.image()).isEqualTo("gliderlabs/logspout:v3.2.14");
        assertThat(c.command()).containsExactly("syslog+tls://a.example.com:1,udp://b.example.com:2");
        assertThat(c.portMappings()).isEmpty();
        assertThat(c.mountPoints()).containsExactly(new MountPoint("dockersock", "/var/run/docker.sock", false),
                new MountPoint("hostname", "/etc/host_hostname", true));
        assertThat(c.cpu()).isEqualTo(1);
        assertThat(c.memory()).isEqualTo(128);
    }

    @Test
    void perNodePortIsAReplicaServiceWithAFixedHostPortThatStopsOldTasksFirst() {
        DesiredForwarder f = only("scheduling: perNodePort\nhostPort: 8125\nroutes: [syslog://a.example.com:1]");
        assertThat(f.perNodePort()).isTrue();
        assertThat(f.service().schedulingStrategy()).isEqualTo(SchedulingStrategy.REPLICA);
        assertThat(f.service().desiredCount()).as("set from the node count at apply time").isNull();
        assertThat(f.service().deployment()).as("circuit breaker on, ECS rollback off").isEqualTo(new DeploymentSpec(100, 50, true));
        assertThat(f.taskDefinition().containers().get(0).portMappings()).containsExactly(new PortMapping(8125, 8125, "tcp"));
    }

    @Test
    void routeFromSsmBecomesAnEcsSecretAndNeverTheCommand() {
        DesiredForwarder f = only("executionRoleArn: arn:aws:iam::123456789012:role/read-route\n"
                + "routes:\n  - uriFrom:\n      ssm: /logship/route");
        assertThat(f.taskDefinition().executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/read-route");
        ContainerSpec c = f.taskDefinition().containers().get(0);
        assertThat(c.command()).isEmpty();
        assertThat(c.secrets()).containsExactly(Map.entry("ROUTE_URIS", "/logship/route"));
        assertThat(c.environment()).doesNotContainKey("ROUTE_URIS");
    }

    @Test
    void excludeLabelsAndBacklogBecomeLogspoutEnvironment() {
        DesiredForwarder f = only("routes: [udp://a.example.com:1]\nbacklog: false\nenv:\n  SYSLOG_FORMAT: rfc3164\n"
                + "excludeLabels:\n  b.label: x\n  a.label: \"true\"");
        assertThat(f.taskDefinition().containers().get(0).environment()).containsExactly(
                Map.entry("BACKLOG", "false"), Map.entry("EXCLUDE_LABELS", "a.label:true;b.label:x"),
                Map.entry("SYSLOG_FORMAT", "rfc3164"));
    }

    @Test
    void taskDefinitionTagsLeaveTheClusterOutAndServiceTagsNameTheForwarder() {
        DesiredForwarder f = only("routes: [udp://a.example.com:1]\ntags:\n  team: platform");
        assertThat(f.taskDefinition().tags()).containsExactly(
                Map.entry("logship.dev/managed-by", "logship"), Map.entry("team", "platform"));
        assertThat(f.service().tags()).containsExactly(Map.entry("logship.dev/content-hash", f.contentHash()),
                Map.entry("logship.dev/forwarder", "prod/pt"), Map.entry("logship.dev/managed-by", "logship"),
                Map.entry("team", "platform"));
        assertThat(f.contentHash()).matches("[0-9a-f]{16}");
    }

    @Test
    void oneForwarderOnTwoClustersSharesItsTaskDefinitionAndHash() {
        ReadResult result = read("prod/c.yaml", cluster("prod", "us-east-1"), "staging/c.yaml", cluster("staging", "us-east-1"),
                "f.yaml", forwarder("pt", "clusters: [prod, staging]\nroutes: [udp://a.example.com:1]"));
        DesiredForwarder prod = result.state().cluster("prod").orElseThrow().forwarders().get(0);
        DesiredForwarder staging = result.state().cluster("staging").orElseThrow().forwarders().get(0);
        assertThat(prod.taskDefinition()).isEqualTo(staging.taskDefinition());
        assertThat(prod.contentHash()).isEqualTo(staging.contentHash());
        assertThat(prod.service().tags().get("logship.dev/forwarder")).isEqualTo("prod/pt");
        assertThat(staging.service().tags().get("logship.dev/forwarder")).isEqualTo("staging/pt");
    }

    @Test
    void contentHashFollowsTheContentButNotTheTagsNorTheRoutes() {
        String base = only("routes: [udp://a.example.com:1]").contentHash();
        assertThat(only("routes: [udp://a.example.com:1]\ntags:\n  team: x").contentHash()).isEqualTo(base);
        assertThat(only("routes: [udp://a.example.com:1]\nimage: gliderlabs/logspout:v3.2.13").contentHash()).isNotEqualTo(base);
        // Routes are secrets and the hash is a public tag: it must not tell one route from another.
        assertThat(only("routes: [udp://a.example.com:2]").contentHash()).isEqualTo(base);
        assertThat(only("routes: [udp://a.example.com:1]\nenv:\n  X: a").contentHash())
                .isEqualTo(only("routes: [udp://a.example.com:1]\nenv:\n  X: b").contentHash());
    }

    @Test
    void anyProblemMeansNoStateAtAll() {
        ReadResult result = read("c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("ok", "routes: [udp://a.example.com:1]"),
                "g.yaml", forwarder("bad", "routes: [nope]"));
        assertThat(result.ok()).isFalse();
        assertThat(result.state()).isNull();
        assertThat(result.problems()).extracting(Object::toString).containsExactly(
                "g.yaml:6:12: spec.routes[0]: expected a route URI like syslog+tls://HOST:PORT");
    }

    @Test
    void clustersAndForwardersComeOutSortedByName() {
        ReadResult result = read("c.yaml", cluster("zeta", "us-east-1") + "---\n" + cluster("alpha", "eu-west-1"),
                "f.yaml", forwarder("b", "routes: [udp://a.example.com:1]") + "---\n" + forwarder("a", "routes: [udp://a.example.com:1]"));
        assertThat(result.state().clusters()).extracting(c -> c.target().name()).containsExactly("alpha", "zeta");
        assertThat(result.state().cluster("zeta").orElseThrow().forwarders()).extracting(f -> f.key().forwarder())
                .isEqualTo(List.of("a", "b"));
    }
}

package dev.logship.render;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.fluentbit.FluentBitBinary;
import dev.logship.fluentbit.RequiresFluentBit;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.MountPoint;
import dev.logship.model.Volume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FluentBitRenderTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:papertrail-AbCdEf";

    private static DesiredForwarder only(String spec) {
        ReadResult result = DesiredStates.read(TestSnapshots.of("c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("pt", "agent: fluentBit\n" + spec)));
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow().forwarders().get(0);
    }

    private static FluentBitPipeline.Plugin plugin(ContainerSpec c, String flag, String name) {
        List<String> args = c.command();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(flag) && args.get(i + 1).equals(name)) {
                var b = new FluentBitPipeline.Builder(FluentBitPipeline.Kind.INPUT, name);
                for (int j = i + 2; j + 1 < args.size() && args.get(j).equals("-p"); j += 2) {
                    String p = args.get(j + 1);
                    b.p(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
                }
                return b.build();
            }
        }
        throw new AssertionError(flag + " " + name + " not in " + args);
    }

    @Test
    void runsTheOfficialImageOnHostNetworkWithTheNodesLogsStateAndHostname() {
        DesiredForwarder f = only("routes: [syslog+tls://logs.example.com:6514]");
        assertThat(f.taskDefinition().networkMode()).as("the ecs filter needs the agent on 127.0.0.1:51678").isEqualTo("host");
        assertThat(f.taskDefinition().volumes()).containsExactly(new Volume("containers", "/var/lib/docker/containers"),
                new Volume("state", "/var/lib/logship/pt"), new Volume("hostname", "/etc/hostname"));
        ContainerSpec c = f.taskDefinition().containers().get(0);
        assertThat(c.name()).isEqualTo("fluent-bit");
        assertThat(c.image()).isEqualTo("fluent/fluent-bit:5.1.1");
        assertThat(c.mountPoints()).containsExactly(new MountPoint("containers", "/var/lib/docker/containers", true),
                new MountPoint("state", "/fluent-bit/state", false), new MountPoint("hostname", "/etc/host_hostname", true));
        assertThat(c.command()).startsWith("-b", "/fluent-bit/state/buffer");
    }

    @Test
    void routeHostAndPortAreVariablesSetInTheEnvironmentNeverInTheCommand() {
        ContainerSpec c = only("routes: [syslog+tls://logs.example.com:6514, syslog://udp.example.com:514]")
                .taskDefinition().containers().get(0);
        assertThat(String.join(" ", c.command())).doesNotContain("logs.example.com", "6514", "udp.example.com");
        assertThat(c.environment()).containsExactly(Map.entry("LOGSHIP_ROUTE_0_HOST", "logs.example.com"),
                Map.entry("LOGSHIP_ROUTE_0_PORT", "6514"), Map.entry("LOGSHIP_ROUTE_1_HOST", "udp.example.com"),
                Map.entry("LOGSHIP_ROUTE_1_PORT", "514"));
        FluentBitPipeline.Plugin tls = plugin(c, "-o", "syslog");
        assertThat(tls.property("host")).isEqualTo("${LOGSHIP_ROUTE_0_HOST}");
        assertThat(tls.property("mode")).isEqualTo("tls");
        assertThat(tls.property("tls.verify")).isEqualTo("on");
        assertThat(tls.property("tls.verify_hostname")).as("tls.verify alone does not check the name").isEqualTo("on");
        assertThat(tls.property("tls.max_version")).as("TLS 1.3 tickets left unread turn a close into a reset")
                .isEqualTo("TLSv1.2");
        assertThat(tls.property("tls.ciphers")).as("forward secrecy and AEAD only").contains("ECDHE-RSA-AES128-GCM-SHA256")
                .doesNotContain("CBC", "SHA:", "RSA-AES128-SHA");
        assertThat(tls.property("syslog_format")).isEqualTo("rfc5424");
        assertThat(tls.property("retry_limit")).isEqualTo("no_limits");
        assertThat(tls.property("storage.total_limit_size")).as("bufferLimit split over two routes")
                .isEqualTo(String.valueOf(128L << 20));
    }

    @Test
    void schemesMapToTransportsAsLogspoutReadsThem() {
        ContainerSpec c = only("routes: [syslog://a.example.com:1, syslog+udp://a.example.com:2, "
                + "syslog+tcp://a.example.com:3, syslog+tls://a.example.com:4]").taskDefinition().containers().get(0);
        List<String> modes = new ArrayList<>();
        for (int i = 0; i < c.command().size(); i++) {
            if (c.command().get(i).startsWith("mode=")) {
                modes.add(c.command().get(i));
            }
        }
        assertThat(modes).containsExactly("mode=udp", "mode=udp", "mode=tcp", "mode=tls");
    }

    @Test
    void secretRoutesBecomeEcsSecretsForHostAndPort() {
        DesiredForwarder f = only("executionRoleArn: arn:aws:iam::123456789012:role/read-route\nroutes:\n  - uriFrom:\n"
                + "      scheme: syslog+tls\n      secretsManager: " + ARN + "\n      hostKey: host\n      portKey: port");
        ContainerSpec c = f.taskDefinition().containers().get(0);
        assertThat(c.secrets()).containsExactly(Map.entry("LOGSHIP_ROUTE_0_HOST", ARN + ":host::"),
                Map.entry("LOGSHIP_ROUTE_0_PORT", ARN + ":port::"));
        assertThat(c.environment()).isEmpty();
        assertThat(plugin(c, "-o", "syslog").property("port")).isEqualTo("${LOGSHIP_ROUTE_0_PORT}");
    }

    @Test
    void backlogDecidesReadFromHeadAndOffsetsLiveOnTheNode() {
        FluentBitPipeline.Plugin tail = plugin(only("routes: [syslog://a.example.com:1]").taskDefinition().containers().get(0), "-i", "tail");
        assertThat(tail.property("read_from_head")).isEqualTo("false");
        assertThat(tail.property("db")).isEqualTo("/fluent-bit/state/tail.db");
        assertThat(tail.property("multiline.parser")).isEqualTo("docker,cri");
        assertThat(tail.property("storage.type")).isEqualTo("filesystem");
        assertThat(plugin(only("routes: [syslog://a.example.com:1]\nbacklog: true").taskDefinition().containers().get(0),
                "-i", "tail").property("read_from_head")).isEqualTo("true");
    }

    @Test
    void multilineAddsTheLanguagesParserAndNoneAddsNoFilter() {
        ContainerSpec java = only("routes: [syslog://a.example.com:1]\nmultiline: java").taskDefinition().containers().get(0);
        FluentBitPipeline.Plugin multiline = plugin(java, "-F", "multiline");
        assertThat(multiline.property("multiline.parser")).isEqualTo("java");
        assertThat(multiline.property("buffer")).as("buffered, records wait in memory past their stored offset")
                .isEqualTo("off");
        assertThat(plugin(java, "-i", "tail").property("inotify_watcher")).as("a read takes a whole stack trace")
                .isEqualTo("false");
        ContainerSpec none = only("routes: [syslog://a.example.com:1]").taskDefinition().containers().get(0);
        assertThat(none.command()).doesNotContain("multiline");
    }

    @Test
    void excludedContainersAndItsOwnFamilyAreDroppedInTheLuaFilter() {
        ContainerSpec c = only("routes: [syslog://a.example.com:1]\nexclude: [ecs-agent]").taskDefinition().containers().get(0);
        String code = plugin(c, "-F", "lua").property("code");
        assertThat(code).contains("local own = 'logship-pt'", "[\"ecs-agent\"]=true");
    }

    @Test
    void refusesToRenderAVariableThatIsNotSet() {
        assertThatThrownBy(() -> FluentBitAgent.requireEverySet(List.of("-p", "host=${LOGSHIP_ROUTE_9_HOST}"),
                Map.of("LOGSHIP_ROUTE_0_HOST", "x"), Map.of())).hasMessageContaining("${LOGSHIP_ROUTE_9_HOST}");
    }

    @Test
    @RequiresFluentBit
    void theRealBinaryAcceptsTheRenderedCommand() throws Exception {
        var binary = FluentBitBinary.require();
        ContainerSpec c = only("routes: [syslog+tls://logs.example.com:6514, syslog+tcp://b.example.com:1]\n"
                + "multiline: java\nexclude: [ecs-agent]\nbufferLimit: 64M").taskDefinition().containers().get(0);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--dry-run"));
        command.addAll(c.command());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(c.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("configuration test is successful").doesNotContain("is used but not set");
    }
}

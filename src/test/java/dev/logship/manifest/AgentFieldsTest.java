package dev.logship.manifest;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentFieldsTest {
    private static final String ROLE = "executionRoleArn: arn:aws:iam::123456789012:role/read-route\n";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:papertrail-AbCdEf";

    private static Manifests parse(String spec) {
        return Manifests.parse(TestSnapshots.of("c.yaml", cluster("prod", "us-east-1"), "f.yaml", forwarder("pt", spec)));
    }

    private static List<String> problems(String spec) {
        return parse(spec).problems().stream().map(p -> p.field() + ": " + p.message()).toList();
    }

    private static ForwarderManifest only(String spec) {
        Manifests m = parse(spec);
        assertThat(m.problems()).isEmpty();
        return m.forwarders().get(0);
    }

    @Test
    void agentDefaultsToLogspoutWithItsImageAndAWarningThatSuggestsFluentBit() {
        Manifests m = parse("routes: [syslog://a.example.com:1]");
        ForwarderManifest f = m.forwarders().get(0);
        assertThat(f.agent().agent()).isEqualTo(Agent.LOGSPOUT);
        assertThat(f.image()).isEqualTo(Defaults.IMAGE);
        assertThat(m.problems()).isEmpty();
        assertThat(m.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("spec.agent");
            assertThat(w.message()).contains("unmaintained", "agent: fluentBit");
        });
    }

    @Test
    void fluentBitGetsThePinnedOfficialImageAndNoWarning() {
        Manifests m = parse("agent: fluentBit\nroutes: [syslog+tls://a.example.com:1]");
        assertThat(m.forwarders().get(0).image()).isEqualTo("fluent/fluent-bit:5.1.1");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void unknownAgentIsAProblemWithASuggestion() {
        assertThat(problems("agent: fluentbit\nroutes: [syslog://a.example.com:1]"))
                .containsExactly("spec.agent: unknown agent \"fluentbit\": expected one of [logspout, fluentBit]; did you mean fluentBit?");
    }

    @Test
    void fluentBitFieldsAreProblemsOnLogspout() {
        assertThat(problems("routes: [syslog://a.example.com:1]\nmultiline: java\nexclude: [x]\nbufferLimit: 1G"))
                .hasSize(3).allSatisfy(p -> assertThat(p).contains("only applies to agent: fluentBit"));
    }

    @Test
    void logspoutFieldsAreProblemsOnFluentBit() {
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1]\nexcludeLabels: {a: b}\n"
                + "dockerSocket: /run/docker.sock"))
                .containsExactly(
                        "spec.excludeLabels: excludeLabels only applies to agent: logspout (Fluent Bit reads log files, "
                                + "which carry no Docker labels: use spec.exclude with ECS container names)",
                        "spec.dockerSocket: dockerSocket only applies to agent: logspout (Fluent Bit reads "
                                + "/var/lib/docker/containers, not the Docker socket)");
    }

    @Test
    void multilineExcludeAndBufferLimitAreRead() {
        AgentSettings a = only("agent: fluentBit\nroutes: [syslog://a.example.com:1]\nmultiline: python\n"
                + "exclude: [ecs-agent, noisy_app, ecs-agent]\nbufferLimit: 512M").agent();
        assertThat(a.multiline()).isEqualTo(Multiline.PYTHON);
        assertThat(a.exclude()).containsExactly("ecs-agent", "noisy_app");
        assertThat(a.bufferLimit()).isEqualTo(512L << 20);
        assertThat(only("agent: fluentBit\nroutes: [syslog://a.example.com:1]\nbufferLimit: 8388608").agent().bufferLimit())
                .isEqualTo(8L << 20);
        assertThat(only("agent: fluentBit\nroutes: [syslog://a.example.com:1]").agent().bufferLimit())
                .isEqualTo(Defaults.BUFFER_LIMIT);
    }

    @Test
    void badMultilineExcludeAndBufferLimitAreProblems() {
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1]\nmultiline: ruby\n"
                + "exclude: [\"bad name\"]\nbufferLimit: 12T")).containsExactly(
                "spec.multiline: unknown multiline \"ruby\": expected one of [none, java, python, go]",
                "spec.exclude[0]: expected an ECS container name (letters, digits, '-' and '_', up to 255)",
                "spec.bufferLimit: expected a size from 8M to 1024G: bytes, or a number with K, M or G (powers of 1024), "
                        + "e.g. 512M, got 12T");
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1]\nbufferLimit: 1000"))
                .singleElement().asString().contains("got 1000");
    }

    @Test
    void aLimitTooSmallToKeepSeveralChunksPerRouteIsAProblemNamingTheShare() {
        // 1M lost a whole outage with the real binary (FluentBitBufferLimitTest, docs/fluent-bit.md)
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1]\nbufferLimit: 1M"))
                .singleElement().asString().contains("from 8M", "got 1M");
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1, syslog+tcp://b.example.com:2]\n"
                + "bufferLimit: 12M")).containsExactly("spec.bufferLimit: the limit is split over the 2 routes, 6M each: "
                + "expected at least 8M per route, so at least 16M");
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1, syslog+tcp://b.example.com:2]\n"
                + "bufferLimit: 16M")).isEmpty();
    }

    @Test
    void fluentBitTakesOnlyTheSyslogSchemesWithoutOptions() {
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1, syslog+udp://a.example.com:2, "
                + "syslog+tcp://a.example.com:3, syslog+tls://a.example.com:4]")).isEmpty();
        assertThat(problems("agent: fluentBit\nroutes: [raw+tcp://a.example.com:1, multiline+syslog://a.example.com:2, "
                + "\"syslog://a.example.com:3?filter.name=x\"]")).containsExactly(
                "spec.routes[0]: agent fluentBit supports the route schemes [syslog, syslog+udp, syslog+tcp, syslog+tls], "
                        + "not \"raw+tcp\"",
                "spec.routes[1]: agent fluentBit supports the route schemes [syslog, syslog+udp, syslog+tcp, syslog+tls], "
                        + "not \"multiline+syslog\" (use spec.multiline)",
                "spec.routes[2]: agent fluentBit takes no route options after '?' (use spec.exclude to drop containers)");
    }

    @Test
    void secretsManagerJsonKeysBecomeEcsValueFromsForHostAndPort() {
        RouteSecret s = only("agent: fluentBit\n" + ROLE + "routes:\n  - uriFrom:\n      scheme: syslog+tls\n"
                + "      secretsManager: " + ARN + "\n      hostKey: host\n      portKey: port").routeSecret();
        assertThat(s.split()).isTrue();
        assertThat(s.scheme()).isEqualTo("syslog+tls");
        assertThat(s.hostFrom()).isEqualTo(ARN + ":host::");
        assertThat(s.portFrom()).isEqualTo(ARN + ":port::");
    }

    @Test
    void twoSsmParametersGiveHostAndPort() {
        RouteSecret s = only("agent: fluentBit\n" + ROLE + "routes:\n  - uriFrom:\n      scheme: syslog+tcp\n"
                + "      hostSsm: /logship/pt/host\n      portSsm: /logship/pt/port").routeSecret();
        assertThat(s.store()).isEqualTo(RouteSecret.Store.SSM);
        assertThat(List.of(s.scheme(), s.hostFrom(), s.portFrom()))
                .containsExactly("syslog+tcp", "/logship/pt/host", "/logship/pt/port");
    }

    @Test
    void aWholeUriSecretCannotFeedFluentBitAndSplitFieldsCannotFeedLogspout() {
        assertThat(problems("agent: fluentBit\n" + ROLE + "routes:\n  - uriFrom:\n      scheme: syslog+tls\n"
                + "      ssm: /logship/route")).singleElement().asString()
                .contains("cannot split a URI", "hostSsm and portSsm", "secretsManager with hostKey and portKey");
        assertThat(problems("agent: fluentBit\n" + ROLE + "routes:\n  - uriFrom:\n      secretsManager: " + ARN
                + "\n      hostKey: host\n      portKey: a:b")).containsExactly(
                "spec.routes[0].uriFrom.scheme: required field is missing: expected one of [syslog, syslog+udp, syslog+tcp, syslog+tls]",
                "spec.routes[0].uriFrom.portKey: expected a non-empty JSON key without ':'");
        assertThat(problems(ROLE + "routes:\n  - uriFrom:\n      ssm: /logship/route\n      scheme: syslog+tls"))
                .singleElement().asString().contains("scheme only applies to agent: fluentBit");
    }

    @Test
    void logshipVariablesAreReservedForFluentBit() {
        assertThat(problems("agent: fluentBit\nroutes: [syslog://a.example.com:1]\nenv:\n  LOGSHIP_ROUTE_0_HOST: x"))
                .singleElement().asString().contains("set by logship from spec.routes");
    }
}

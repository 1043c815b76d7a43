package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.Problem;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.ContainerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCheckRenderTest {
    private static final String BASE = """
            agent: fluentBit
            routes: ["syslog+tls://logs.example.com:6514"]
            clusters: [prod]
            """;

    @Test
    void aDebugImageGetsFluentBitsDeepHealthCheckAndAContainerHealthCheckByDefault() {
        ContainerSpec c = ProdForwarder.container(BASE + "image: fluent/fluent-bit:5.1.1-debug\n");
        assertThat(c.command().subList(0, 2)).containsExactly("/bin/sh", "-c");
        String script = c.command().get(2);
        assertThat(script).contains("health_check on", "hc_errors_count 5", "hc_retry_failure_count 5", "hc_period 60",
                "http_server on", "http_listen 127.0.0.1", "http_port 2020",
                "exec /fluent-bit/bin/fluent-bit -c /tmp/logship-service.conf \"$@\"").doesNotContain("${");
        assertThat(c.command().get(3)).isEqualTo("fluent-bit");
        assertThat(c.command().subList(4, 8)).containsExactly("-b", "/fluent-bit/state/buffer", "-f", "1");
        assertThat(c.healthCheck().command()).containsExactly("CMD-SHELL",
                "curl -fsS -o /dev/null --max-time 4 http://127.0.0.1:2020/api/v1/health || exit 1");
        assertThat(c.healthCheck().interval()).isEqualTo(30);
        assertThat(c.healthCheck().startPeriod()).isEqualTo(10);
    }

    @Test
    void theDistrolessDefaultImageKeepsItsArgumentsOnlyCommandAndNoHealthCheck() {
        ContainerSpec c = ProdForwarder.container(BASE);
        assertThat(c.command().get(0)).isEqualTo("-b");
        assertThat(c.healthCheck()).isNull();
    }

    @Test
    void settingsAreRenderedAndTelemetryFailuresAreAllowedForOnTop() {
        ContainerSpec c = ProdForwarder.container(BASE + """
                image: public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4
                executionRoleArn: arn:aws:iam::123456789012:role/read-route
                healthCheck: {errors: 2, retryFailures: 3, period: 20s, port: 2021}
                telemetry:
                  endpoint: https://logship.internal:8443
                  tokenFrom: arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest
                  interval: 10s
                """);
        assertThat(c.command().get(2)).contains("hc_errors_count 2", "hc_retry_failure_count 5", "hc_period 20",
                "http_port 2021");
        assertThat(c.healthCheck().command().get(1)).contains("http://127.0.0.1:2021/api/v1/health");
    }

    @Test
    void offOnAShellImageStillNamesTheProgramSinceThoseImagesHaveNoEntrypoint() {
        ContainerSpec c = ProdForwarder.container(BASE + "image: amazon/aws-for-fluent-bit:2.32.4\nhealthCheck: false\n");
        assertThat(c.command().subList(0, 2)).containsExactly("/fluent-bit/bin/fluent-bit", "-b");
        assertThat(c.healthCheck()).isNull();
    }

    @Test
    void askingForAHealthCheckOnAnImageWithoutAShellOrOnLogspoutIsAProblem() {
        ReadResult distroless = ProdForwarder.read(BASE + "healthCheck: true\n");
        assertThat(distroless.problems()).extracting(Problem::field).containsExactly("spec.healthCheck");
        assertThat(distroless.problems().get(0).message()).contains("-debug", "aws-for-fluent-bit");
        ReadResult logspout = ProdForwarder.read("routes: [\"syslog+tls://logs.example.com:6514\"]\nclusters: [prod]\nhealthCheck: true\n");
        assertThat(logspout.problems()).extracting(Problem::message).anyMatch(m -> m.contains("only applies to agent: fluentBit"));
        ReadResult bad = ProdForwarder.read(BASE + "image: fluent/fluent-bit:5.1.1-debug\nhealthCheck: {errors: 0, period: 1s, colour: red}\n");
        assertThat(bad.problems()).extracting(Problem::field).contains("spec.healthCheck.errors", "spec.healthCheck.period");
        assertThat(bad.problems()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(List.of(distroless, logspout, bad)).allSatisfy(r ->
                assertThat(r.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("f.yaml")));
    }

    @Test
    void twoHealthCheckedForwardersOnOneClusterNeedDifferentPorts() {
        String debug = BASE + "image: fluent/fluent-bit:5.1.1-debug\n";
        ReadResult same = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "a.yaml", TestSnapshots.forwarder("a", debug), "b.yaml", TestSnapshots.forwarder("b", debug)));
        assertThat(same.problems()).extracting(Problem::field).containsExactly("spec.healthCheck.port");
        assertThat(same.problems().get(0).message()).contains("port 2020", "LogForwarder \"a\" (a.yaml:");
        ReadResult apart = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "a.yaml", TestSnapshots.forwarder("a", debug),
                "b.yaml", TestSnapshots.forwarder("b", debug + "healthCheck: {port: 2021}\n")));
        assertThat(apart.problems()).isEmpty();
    }
}

package dev.logship.render;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.fluentbit.FluentBitBinary;
import dev.logship.fluentbit.RequiresFluentBit;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DesiredForwarder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedRoutesRenderTest {
    static final String ROLE = "taskRoleArn: arn:aws:iam::123456789012:role/fb-task\n"
            + "executionRoleArn: arn:aws:iam::123456789012:role/fb-exec\n";
    static final String ALL_KINDS = ROLE + """
            bufferLimit: 256M
            routes:
              - syslog+tls://logs.example.com:6514
              - cloudwatchLogs: {region: us-east-1, logGroup: "/ecs/{forwarder}/{container}", retentionDays: 30, createGroup: true}
                match: {containers: [api, worker]}
              - s3: {bucket: acme-log-archive, prefix: "ecs/{cluster}/{container}/", region: us-east-1}
                match: {excludeContainers: [api]}
              - firehose: {deliveryStream: ecs-logs, region: eu-west-1}
              - otlp: {endpoint: "https://otel-gateway.internal:4318", headersFrom: {secretsManager: "arn:aws:secretsmanager:us-east-1:123456789012:secret:otel-AbCdEf", keys: [authorization]}}
              - splunk: {host: hec.example.com, port: 8088, tokenFrom: {ssm: /logging/splunk-hec}}
              - datadog: {site: datadoghq.eu, apiKeyFrom: {ssm: /logging/dd-api-key}, service: "{forwarder}"}
              - loki: {host: loki.internal, labels: {cluster: "{cluster}", container: "{container}", env: prod, family: "{taskFamily}"}}
              - http: {uri: "https://intake.example.com/logs?token=abc", format: json_lines}
            """;

    static DesiredForwarder render(String spec) {
        ReadResult result = DesiredStates.read(TestSnapshots.of("c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("pt", "agent: fluentBit\n" + spec)));
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow().forwarders().get(0);
    }

    static FluentBitPipeline.Plugin output(ContainerSpec c, String name) {
        return Plugins.of(c.command()).stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyKindBecomesItsOwnOutputWithAShareOfTheBuffer() {
        ContainerSpec c = render(ALL_KINDS).taskDefinition().containers().get(0);
        List<String> outputs = Plugins.of(c.command()).stream()
                .filter(p -> p.kind() == FluentBitPipeline.Kind.OUTPUT).map(FluentBitPipeline.Plugin::name).toList();
        assertThat(outputs).containsExactly("syslog", "cloudwatch_logs", "s3", "kinesis_firehose", "opentelemetry",
                "splunk", "datadog", "loki", "http");
        String share = String.valueOf((256L << 20) / 9);
        assertThat(output(c, "cloudwatch_logs").property("storage.total_limit_size")).isEqualTo(share);
        assertThat(output(c, "s3").property("store_dir_limit_size")).isEqualTo(share);
        assertThat(output(c, "s3").property("store_dir")).startsWith("/fluent-bit/state/");
    }

    @Test
    void routingIsARetagStepAndEachOutputSelectsByContainer() {
        ContainerSpec c = render(ALL_KINDS).taskDefinition().containers().get(0);
        FluentBitPipeline.Plugin retag = Plugins.of(c.command()).stream().filter(p -> p.name().equals("rewrite_tag"))
                .findFirst().orElseThrow();
        assertThat(retag.property("rule")).isEqualTo("$container ^.+$ r.$cluster.$task_family.$container.$instance false");
        assertThat(retag.property("emitter_storage.type")).as("routed records buffered on disk too").isEqualTo("filesystem");
        assertThat(output(c, "cloudwatch_logs").property("match_regex"))
                .isEqualTo("^r\\.[^.]+\\.[^.]+\\.(?:api|worker)\\.[^.]+$");
        assertThat(output(c, "s3").property("match_regex")).isEqualTo("^r\\.[^.]+\\.[^.]+\\.(?!(?:api)\\.)[^.]+\\.[^.]+$");
        assertThat(output(c, "syslog").property("match")).isEqualTo("r.*");
        assertThat(output(c, "http").property("match")).isEqualTo("r.*");
    }

    @Test
    void templatesBecomeTagPartsOrTheForwardersName() {
        ContainerSpec c = render(ALL_KINDS).taskDefinition().containers().get(0);
        var cw = output(c, "cloudwatch_logs");
        assertThat(cw.property("log_group_template")).isEqualTo("/ecs/pt/$TAG[3]");
        assertThat(cw.property("log_group_name")).as("fallback").isEqualTo("/ecs/pt/unknown");
        assertThat(cw.property("log_stream_template")).isEqualTo("$TAG[3].$TAG[4]");
        assertThat(cw.property("auto_create_group")).isEqualTo("on");
        assertThat(cw.property("log_retention_days")).isEqualTo("30");
        assertThat(output(c, "s3").property("s3_key_format")).isEqualTo("/ecs/$TAG[1]/$TAG[3]/%Y/%m/%d/%H%M%S-$UUID.jsonl.gz");
        assertThat(output(c, "loki").property("labels"))
                .isEqualTo("cluster=$cluster, container=$container, env=prod, family=$task_family");
        assertThat(output(c, "datadog").property("dd_service")).isEqualTo("pt");
        // {taskFamily}: the record's task_family, which the Lua step copies from the ecs filter's $TaskDefinitionFamily
        assertThat(output(c, "ecs").properties()).contains(java.util.Map.entry("add", "ecs_task_family $TaskDefinitionFamily"));
        assertThat(output(c, "lua").property("code")).contains("task_family = r['ecs_task_family']");
        ContainerSpec family = render(ROLE + "routes:\n  - cloudwatchLogs: {region: us-east-1, logGroup: \"/ecs/{taskFamily}/{container}\"}\n"
                + "  - s3: {bucket: b-1, region: us-east-1, prefix: \"{taskFamily}/\"}").taskDefinition().containers().get(0);
        assertThat(output(family, "cloudwatch_logs").property("log_group_template")).isEqualTo("/ecs/$TAG[2]/$TAG[3]");
        assertThat(output(family, "s3").property("s3_key_format")).startsWith("/$TAG[2]/");
    }

    @Test
    void credentialsAreEcsSecretsAndIntakeUrlsEnvironmentNeverTheCommand() {
        ContainerSpec c = render(ALL_KINDS).taskDefinition().containers().get(0);
        assertThat(c.secrets()).containsEntry("LOGSHIP_ROUTE_4_HEADER_0",
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:otel-AbCdEf:authorization::")
                .containsEntry("LOGSHIP_ROUTE_5_TOKEN", "/logging/splunk-hec")
                .containsEntry("LOGSHIP_ROUTE_6_APIKEY", "/logging/dd-api-key");
        assertThat(c.environment()).containsEntry("LOGSHIP_ROUTE_8_HOST", "intake.example.com")
                .containsEntry("LOGSHIP_ROUTE_8_URI", "/logs?token=abc");
        assertThat(String.join(" ", c.command())).doesNotContain("token=abc", "intake.example.com", "logs.example.com")
                .contains("splunk_token=${LOGSHIP_ROUTE_5_TOKEN}", "header=authorization ${LOGSHIP_ROUTE_4_HEADER_0}");
        assertThat(output(c, "http").property("tls.verify_hostname")).isEqualTo("on");
    }

    @Test
    void awsRoutesRunWithTheTaskRoleAndTheEndpointOverride() {
        DesiredForwarder f = render(ROLE + "routes:\n  - cloudwatchLogs: {region: us-east-1, logGroup: /ecs/prod, "
                + "endpoint: \"https://logs.local:4443\"}\n  - s3: {bucket: b-1, region: us-east-1, endpoint: \"http://127.0.0.1:9000\"}");
        assertThat(f.taskDefinition().taskRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/fb-task");
        ContainerSpec c = f.taskDefinition().containers().get(0);
        assertThat(output(c, "cloudwatch_logs").property("endpoint")).isEqualTo("logs.local");
        assertThat(output(c, "cloudwatch_logs").property("port")).isEqualTo("4443");
        assertThat(output(c, "cloudwatch_logs").property("log_group_template")).as("no template, no accessor").isNull();
        assertThat(output(c, "s3").property("endpoint")).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void syslogOnlyForwardersKeepTheirPipelineWithoutRouting() {
        ContainerSpec c = render("routes: [syslog+tls://logs.example.com:6514]").taskDefinition().containers().get(0);
        assertThat(Plugins.of(c.command())).extracting(FluentBitPipeline.Plugin::name).doesNotContain("rewrite_tag");
        assertThat(output(c, "syslog").property("match")).isEqualTo("ecs.*");
    }

    @Test
    @RequiresFluentBit
    void theRealBinaryAcceptsEveryKindsProperties() throws Exception {
        var binary = FluentBitBinary.require();
        ContainerSpec c = render(ALL_KINDS).taskDefinition().containers().get(0);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--dry-run"));
        command.addAll(c.command());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(c.environment());
        c.secrets().keySet().forEach(name -> pb.environment().put(name, "from-ecs"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("configuration test is successful").doesNotContain("is used but not set");
    }

    /** --dry-run does not parse templates or routing rules; starting does (a bad log_group_template exits 255 at once). */
    @Test
    @RequiresFluentBit
    void theRealBinaryStartsTheRenderedPipeline(@TempDir Path dir) throws Exception {
        var binary = FluentBitBinary.require();
        ContainerSpec c = render(ALL_KINDS).taskDefinition().containers().get(0);
        Files.createDirectories(dir.resolve("logs"));
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        for (String arg : c.command()) {
            command.add(arg.replace(FluentBitAgent.STATE, dir.resolve("state").toString())
                    .replace(FluentBitAgent.LOGS, dir.resolve("logs").toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("fluent-bit.log").toFile());
        pb.environment().putAll(c.environment());
        c.secrets().keySet().forEach(name -> pb.environment().put(name, "from-ecs"));
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Process p = pb.start();
        try {
            boolean exited = p.waitFor(4, TimeUnit.SECONDS);
            assertThat(exited).as(Files.readString(dir.resolve("fluent-bit.log"))).isFalse();
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

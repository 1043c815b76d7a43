package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.fluentbit.receivers.Destination;
import dev.logship.fluentbit.receivers.DestinationSecrets;
import dev.logship.model.ContainerSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluentBitDestinationsTest {
    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    static TaskDefinitionSpec handWritten(List<String> outputs, Map<String, String> env) {
        TaskDefinitionSpec td = FluentBitEndToEndTest.render("""
                agent: fluentBit
                routes: [syslog+tls://syslog.test:6514]
                """);
        ContainerSpec c = td.containers().get(0);
        List<String> command = new ArrayList<>(c.command().subList(0, c.command().indexOf("-o")));
        command.addAll(outputs);
        Map<String, String> environment = new TreeMap<>(c.environment());
        environment.putAll(env);
        ContainerSpec changed = new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(),
                c.essential(), command, environment, c.secrets(), c.portMappings(), c.mountPoints(), c.healthCheck());
        return new TaskDefinitionSpec(td.family(), td.networkMode(), td.requiresCompatibilities(), List.of(changed),
                td.volumes(), td.placementConstraints(), td.tags(), td.executionRoleArn());
    }

    static List<String> o(String name, String... properties) {
        List<String> out = new ArrayList<>(List.of("-o", name, "-p", "match=ecs.*"));
        for (String p : properties) {
            out.add("-p");
            out.add(p);
        }
        return out;
    }

    @Test
    void smoke() throws Exception {
        List<String> outputs = new ArrayList<>();
        outputs.addAll(o("cloudwatch_logs", "region=us-east-1", "log_group_name=/ecs/prod/other",
                "log_group_template=/ecs/prod/$app", "log_stream_name=node-7", "auto_create_group=on",
                "log_retention_days=30", "retry_limit=no_limits"));
        outputs.addAll(o("kinesis_firehose", "region=us-east-1", "delivery_stream=ecs-logs", "retry_limit=no_limits"));
        outputs.addAll(o("s3", "region=us-east-1", "bucket=acme-log-archive", "use_put_object=on", "upload_timeout=5s",
                "total_file_size=1M", "s3_key_format=/ecs/prod/%Y%m%d%H%M%S-$UUID", "retry_limit=no_limits"));
        outputs.addAll(o("http", "host=intake.test", "port=443", "tls=on", "tls.verify=on", "uri=/logs",
                "format=json_lines", "retry_limit=no_limits"));
        outputs.addAll(o("splunk", "host=splunk.test", "port=443", "tls=on", "splunk_token=${SPLUNK_TOKEN}", "retry_limit=no_limits"));
        outputs.addAll(o("datadog", "host=http-intake.logs.datadoghq.eu", "port=443", "tls=on", "apikey=${DD_API_KEY}",
                "dd_service=prod", "retry_limit=no_limits"));
        outputs.addAll(o("loki", "host=loki.test", "port=443", "tls=on", "labels=cluster=prod,container=$app",
                "retry_limit=no_limits"));
        outputs.addAll(o("opentelemetry", "host=otel.test", "port=443", "tls=on", "logs_uri=/v1/logs", "retry_limit=no_limits"));
        TaskDefinitionSpec td = handWritten(outputs, Map.of("SPLUNK_TOKEN", DestinationSecrets.SPLUNK_TOKEN,
                "DD_API_KEY", DestinationSecrets.DATADOG_API_KEY));
        try (DestinationNode node = DestinationNode.start(tmp, td, Map.of(), Set.of("acme-log-archive"))) {
            DockerLogs api = node.container("a1b2c3d4e5f6" + "0".repeat(52), "web", "api");
            for (int i = 0; i < 50; i++) {
                api.write("stdout", "api line " + i);
            }
            try {
                for (Destination d : Destination.values()) {
                    Waits.until(d.kind + " gets 50", Duration.ofSeconds(40), () -> Optional.of(true)
                            .filter(x -> { try { return node.arrivals(d).size() >= 50; } catch (Exception e) { return false; } }));
                }
            } catch (AssertionError e) {
                StringBuilder s = new StringBuilder();
                for (Destination d : Destination.values()) {
                    s.append("\n").append(d.kind).append(": ").append(node.arrivals(d).size())
                            .append(node.arrivals(d).isEmpty() ? "" : " " + node.arrivals(d).get(0));
                }
                throw new AssertionError(e.getMessage() + s + node.diagnostics(), e);
            }
            for (Destination d : Destination.values()) {
                System.out.println(d.kind + ": " + node.arrivals(d).get(0));
            }
            System.out.println(node.calls());
            assertThat(node.rejections()).isEmpty();
        }
    }
}

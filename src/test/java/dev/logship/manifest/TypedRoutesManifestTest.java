package dev.logship.manifest;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.model.SecretRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypedRoutesManifestTest {
    private static final String ROLES = "agent: fluentBit\ntaskRoleArn: arn:aws:iam::123456789012:role/fb-task\n"
            + "executionRoleArn: arn:aws:iam::123456789012:role/fb-exec\n";

    private static Manifests parse(String spec) {
        return Manifests.parse(TestSnapshots.of("c.yaml", cluster("prod", "us-east-1"), "f.yaml", forwarder("pt", spec)));
    }

    private static List<String> problems(String routes) {
        return parse(ROLES + "routes:\n" + routes.indent(2)).problems().stream()
                .map(p -> p.line() + ":" + p.column() + " " + p.field() + ": " + p.message()).toList();
    }

    private static Destination only(String route) {
        Manifests m = parse(ROLES + "routes:\n" + route.indent(2));
        assertThat(m.problems()).isEmpty();
        return m.forwarders().get(0).destinations().get(0);
    }

    @Test
    void readsEveryKindWithItsMatch() {
        assertThat(only("- cloudwatchLogs: {region: us-east-1, logGroup: \"/ecs/{cluster}/{container}\", retentionDays: 30, createGroup: true}\n"
                + "  match: {containers: [api, worker]}"))
                .isEqualTo(new Destination.CloudWatchLogs("us-east-1", "/ecs/{cluster}/{container}", null, 30, true, null,
                        new RouteMatch(List.of("api", "worker"), List.of())));
        assertThat(only("- s3: {bucket: acme-log-archive, prefix: \"ecs/{cluster}/\", region: us-east-1}"))
                .isEqualTo(new Destination.S3("acme-log-archive", "ecs/{cluster}/", "us-east-1", "gzip", null, RouteMatch.ALL));
        assertThat(only("- splunk: {host: hec.example.com, tokenFrom: {ssm: /logging/splunk-hec}}"))
                .isEqualTo(new Destination.Splunk("hec.example.com", 8088, true, SecretRef.ssm("/logging/splunk-hec"), RouteMatch.ALL));
        assertThat(only("- otlp: {endpoint: \"https://otel:4318\", headersFrom: {ssm: /otel, keys: [authorization]}}").secrets())
                .containsExactly(SecretRef.ssm("/otel/authorization"));
        assertThat(only("- http: {uri: \"https://intake.example.com/logs\", format: json_lines}").kind()).isEqualTo("http");
        assertThat(only("- loki: {host: loki.internal, labels: {container: \"{container}\"}}").kind()).isEqualTo("loki");
        assertThat(only("- firehose: {deliveryStream: ecs-logs, region: eu-west-1}").aws()).isTrue();
        assertThat(only("- datadog: {site: datadoghq.eu, apiKeyFrom: {ssm: /dd}}").secrets()).containsExactly(SecretRef.ssm("/dd"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown template                 | - cloudwatchLogs: {region: us-east-1, logGroup: "/ecs/{service}"}                 | unknown template {service}
            log group characters             | - cloudwatchLogs: {region: us-east-1, logGroup: "/ecs/a b"}                        | CloudWatch Logs group name
            retention not allowed by AWS     | - cloudwatchLogs: {region: us-east-1, logGroup: /x, retentionDays: 31, createGroup: true} | one of [1, 3, 5
            retention without createGroup    | - cloudwatchLogs: {region: us-east-1, logGroup: /x, retentionDays: 30}             | set createGroup: true
            bad region                       | - cloudwatchLogs: {region: mars-1, logGroup: /x}                                   | is not an AWS region
            http endpoint for CloudWatch     | - cloudwatchLogs: {region: us-east-1, logGroup: /x, endpoint: "http://127.0.0.1:1"} | expected an https URL
            bucket name                      | - s3: {bucket: Acme_Logs, region: us-east-1}                                      | S3 bucket name
            template in bucket               | - s3: {bucket: "logs-{cluster}", region: us-east-1}                               | templates are not supported here
            delivery stream name             | - firehose: {deliveryStream: "a b", region: us-east-1}                             | delivery stream name
            missing field                    | - firehose: {region: us-east-1}                                                    | deliveryStream: required field is missing
            unknown field suggests           | - s3: {buckt: a-b-c, region: us-east-1}                                            | did you mean bucket?
            two kinds in one item            | - {s3: {bucket: abc, region: us-east-1}, firehose: {deliveryStream: x, region: us-east-1}} | one destination per route item
            http format                      | - http: {uri: "https://a.example.com/", format: xml}                                | Fluent Bit's http output formats
            user info in a URL               | - http: {uri: "https://u:p@a.example.com/", format: json}                           | may not carry user info
            token in Git                     | - splunk: {host: h.example.com, token: abc}                                         | unknown field
            secret store                     | - splunk: {host: h.example.com, tokenFrom: {ssm: /a, secretsManager: "arn:aws:secretsmanager:us-east-1:1:secret:x"}} | exactly one of ssm or secretsManager
            per-record datadog service       | - datadog: {site: datadoghq.eu, apiKeyFrom: {ssm: /dd}, service: "{container}"}    | one service per route
            datadog site                     | - datadog: {site: datadog.example, apiKeyFrom: {ssm: /dd}}                          | expected one of [datadoghq.com
            loki label mixing text           | - loki: {host: l.example.com, labels: {app: "x-{container}"}}                       | text or exactly one template
            container name in match          | - {http: {uri: "https://a.example.com/", format: json}, match: {containers: ["a b"]}} | expected an ECS container name
            """)
    void eachWrongShapeIsAProblemAtItsLine(String what, String route, String expected) {
        assertThat(problems(route)).as(what).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @Test
    void awsRoutesNeedATaskRoleAndSecretsAnExecutionRole() {
        List<String> problems = parse("agent: fluentBit\nroutes:\n  - s3: {bucket: abc, region: us-east-1}\n"
                + "  - splunk: {host: h.example.com, tokenFrom: {ssm: /a}}").problems().stream()
                .map(p -> p.field() + ": " + p.message()).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("spec.taskRoleArn: a s3 route needs spec.taskRoleArn"))
                .anySatisfy(p -> assertThat(p).startsWith("spec.executionRoleArn: a route with tokenFrom"));
    }

    @Test
    void typedRoutesNeedFluentBit() {
        assertThat(parse("routes:\n  - s3: {bucket: abc, region: us-east-1}").problems())
                .anySatisfy(p -> assertThat(p.message()).contains("s3 routes need spec.agent: fluentBit"));
    }

    @Test
    void bufferLimitIsSharedOverEveryRouteTypedOnesIncluded() {
        assertThat(parse(ROLES + "bufferLimit: 16M\nroutes:\n  - syslog+tls://a.example.com:1\n  - s3: {bucket: abc, region: us-east-1}\n"
                + "  - firehose: {deliveryStream: x, region: us-east-1}").problems())
                .anySatisfy(p -> assertThat(p.message()).contains("split over the 3 routes"));
    }
}

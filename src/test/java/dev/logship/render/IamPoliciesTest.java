package dev.logship.render;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.Manifests;
import dev.logship.manifest.TestSnapshots;
import org.junit.jupiter.api.Test;

class IamPoliciesTest {
    private static IamPolicies.ForwarderIam iam(String spec) {
        Manifests m = Manifests.parse(TestSnapshots.of("c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("pt", "agent: fluentBit\n" + spec)));
        assertThat(m.problems()).isEmpty();
        return IamPolicies.of(m.forwarders().get(0));
    }

    @Test
    void taskRoleGetsExactlyWhatEachAwsRouteWritesWithTemplatesAsWildcards() {
        var iam = iam(TypedRoutesRenderTest.ALL_KINDS);
        assertThat(iam.taskRole()).containsExactly(
                new IamStatement("WriteLogEvents", java.util.List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        java.util.List.of("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/pt/*",
                                "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/pt/*:log-stream:*")),
                new IamStatement("CreateLogGroup", java.util.List.of("logs:CreateLogGroup", "logs:PutRetentionPolicy"),
                        java.util.List.of("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/pt/*")),
                new IamStatement("PutObjects", java.util.List.of("s3:PutObject"),
                        java.util.List.of("arn:aws:s3:::acme-log-archive/ecs/*/*/*")),
                new IamStatement("PutRecords", java.util.List.of("firehose:PutRecordBatch"),
                        java.util.List.of("arn:aws:firehose:eu-west-1:123456789012:deliverystream/ecs-logs")));
    }

    @Test
    void executionRoleReadsExactlyTheNamedParametersAndSecrets() {
        var iam = iam(TypedRoutesRenderTest.ALL_KINDS);
        assertThat(iam.executionRole()).containsExactly(
                new IamStatement("ReadRouteParameters", java.util.List.of("ssm:GetParameters"), java.util.List.of(
                        "arn:aws:ssm:*:123456789012:parameter/logging/splunk-hec",
                        "arn:aws:ssm:*:123456789012:parameter/logging/dd-api-key")),
                new IamStatement("ReadRouteSecrets", java.util.List.of("secretsmanager:GetSecretValue"), java.util.List.of(
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:otel-AbCdEf")));
    }

    @Test
    void twoRoutesOfOneKindGetDistinctSidsAndNoCreateGroupWithoutIt() {
        var iam = iam(TypedRoutesRenderTest.ROLE + "routes:\n  - cloudwatchLogs: {region: us-east-1, logGroup: /a}\n"
                + "  - cloudwatchLogs: {region: eu-west-1, logGroup: /b}");
        assertThat(iam.taskRole()).extracting(IamStatement::sid).containsExactly("WriteLogEvents", "WriteLogEvents2");
        assertThat(iam.taskRole().get(1).resources()).containsExactly("arn:aws:logs:eu-west-1:123456789012:log-group:/b",
                "arn:aws:logs:eu-west-1:123456789012:log-group:/b:log-stream:*");
    }
}

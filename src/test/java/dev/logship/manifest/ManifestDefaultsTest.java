package dev.logship.manifest;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ClusterTarget;
import org.junit.jupiter.api.Test;

class ManifestDefaultsTest {

    @Test
    void clusterDefaultsToItsLogicalNamePruningAndNotSuspended() {
        Manifests manifests = Manifests.parse(TestSnapshots.of("prod/c.yaml", cluster("prod", "us-east-1")));
        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests.clusters()).extracting(ClusterManifest::target)
                .containsExactly(new ClusterTarget("prod", "prod", "us-east-1", null, true, false, false));
    }

    @Test
    void forwarderDefaultsToTheClustersOfItsOwnDirectory() {
        Manifests manifests = Manifests.parse(TestSnapshots.of(
                "prod/c.yaml", cluster("prod", "us-east-1"),
                "prod/f.yaml", forwarder("pt", "routes: [syslog+tls://h.example.com:1]"),
                "staging/c.yaml", cluster("staging", "eu-west-1")));
        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests.targets()).containsEntry("pt", java.util.List.of("prod"));
        ForwarderManifest pt = manifests.forwarders().get(0);
        assertThat(pt.image()).isEqualTo("gliderlabs/logspout:v3.2.14");
        assertThat(pt.scheduling()).isEqualTo(Scheduling.DAEMON);
        assertThat(pt.cpu()).isEqualTo(1);
        assertThat(pt.memory()).isEqualTo(128);
        assertThat(pt.memoryReservation()).isNull();
        assertThat(pt.dockerSocket()).isEqualTo("/var/run/docker.sock");
        assertThat(pt.hostPort()).isEqualTo(1234);
        assertThat(pt.adopt()).isFalse();
    }

    @Test
    void forwarderWithoutAClusterInItsDirectoryMustNameOne() {
        Manifests manifests = Manifests.parse(TestSnapshots.of(
                "prod/c.yaml", cluster("prod", "us-east-1"),
                "shared/f.yaml", forwarder("pt", "routes: [syslog+tls://h.example.com:1]")));
        assertThat(manifests.problems()).extracting(Problem::toString).containsExactly(
                "shared/f.yaml:4:3: spec.clusters: no Cluster is defined in directory shared; name the clusters in spec.clusters");
    }

    @Test
    void onlyAReservationMeansNoHardMemoryLimit() {
        Manifests manifests = Manifests.parse(TestSnapshots.of(
                "c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("pt", "routes: [udp://h.example.com:514]\nresources:\n  memoryReservation: 64")));
        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests.forwarders().get(0).memory()).isNull();
        assertThat(manifests.forwarders().get(0).memoryReservation()).isEqualTo(64);
    }

    @Test
    void secretsManagerRouteMustBeAnArn() {
        Manifests manifests = Manifests.parse(TestSnapshots.of(
                "c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("pt", "executionRoleArn: arn:aws:iam::123456789012:role/r\n"
                        + "routes:\n  - uriFrom:\n      secretsManager: my-secret")));
        assertThat(manifests.problems()).extracting(Problem::toString).containsExactly(
                "f.yaml:9:25: spec.routes[0].uriFrom.secretsManager: expected a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)");
    }

    @Test
    void aSecretRouteNeedsAnExecutionRole() {
        Manifests manifests = Manifests.parse(TestSnapshots.of(
                "c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("pt", "routes:\n  - uriFrom:\n      ssm: /logship/route")));
        assertThat(manifests.problems()).extracting(Problem::toString).containsExactly(
                "f.yaml:7:5: spec.executionRoleArn: a uriFrom route needs spec.executionRoleArn: ECS reads SSM parameters and secrets with the task execution role");
    }
}

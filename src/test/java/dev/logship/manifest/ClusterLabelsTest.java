package dev.logship.manifest;

import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Cluster's metadata.labels: read in Kubernetes' rules, refused on forwarders, every problem named. */
class ClusterLabelsTest {
    private static String labelled(String labels) {
        return "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: prod\n  labels:\n" + labels
                + "spec:\n  region: us-east-1\n";
    }

    @Test
    void clusterLabelsAreReadSorted() {
        Manifests manifests = Manifests.parse(TestSnapshots.of("c.yaml", labelled("    tier: gold\n    example.com/env: prod\n")));
        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests.clusters().get(0).target().labels()).containsExactly(
                Map.entry("example.com/env", "prod"), Map.entry("tier", "gold"));
    }

    @Test
    void badLabelKeysAndValuesAreReportedWithLineAndField() {
        Manifests manifests = Manifests.parse(TestSnapshots.of("c.yaml", labelled("    -bad: x\n    env: \"has space\"\n")));
        assertThat(manifests.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("c.yaml:6:5: metadata.labels.-bad: label keys are"),
                p -> assertThat(p).startsWith("c.yaml:7:5: metadata.labels.env: label values are"));
    }

    @Test
    void forwardersTakeNoLabels() {
        String withLabels = forwarder("pt", "routes: [udp://h.example.com:514]").replace("  name: pt\n", "  name: pt\n  labels: {a: b}\n");
        Manifests manifests = Manifests.parse(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"), "f.yaml", withLabels));
        assertThat(manifests.problems()).extracting(Problem::field).contains("metadata.labels");
    }
}

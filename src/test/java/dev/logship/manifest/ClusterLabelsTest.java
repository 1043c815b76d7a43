package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Cluster's metadata.labels reach its target, which carries them to the status API and page. */
class ClusterLabelsTest {
    private static String labelled(String labels) {
        return "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: prod\n  labels:\n" + labels
                + "spec:\n  region: us-east-1\n";
    }

    @Test
    void clusterLabelsReachTheTargetSorted() {
        Manifests manifests = Manifests.parse(TestSnapshots.of("c.yaml", labelled("    tier: gold\n    example.com/env: prod\n")));
        assertThat(manifests.problems()).isEmpty();
        assertThat(manifests.clusters().get(0).target().labels()).containsExactly(
                Map.entry("example.com/env", "prod"), Map.entry("tier", "gold"));
    }
}

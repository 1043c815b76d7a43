package dev.logship.render;

import static dev.logship.manifest.TestSnapshots.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A new commit re-renders only the forwarders whose manifest changed; the rest is reused as it was. */
class RenderedForwardersTest {
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    private ReadResult read(String firstImage) {
        return DesiredStates.read(TestSnapshots.of(
                "a/cluster.yaml", cluster("a-" + id, "us-east-1"),
                "b/cluster.yaml", cluster("b-" + id, "us-east-1"),
                "shared.yaml", TestSnapshots.forwarder("pt-" + id, "clusters: [a-" + id + ", b-" + id + "]\nimage: " + firstImage
                        + "\nroutes: [syslog://logs.example.com:514]"),
                "a/own.yaml", TestSnapshots.forwarder("own-" + id, "routes: [syslog://logs.example.com:514]")));
    }

    private DesiredForwarder forwarder(ReadResult read, String cluster, String name) {
        DesiredCluster c = read.state().cluster(cluster + "-" + id).orElseThrow();
        return c.forwarders().stream().filter(f -> f.key().forwarder().equals(name + "-" + id)).findFirst().orElseThrow();
    }

    @Test
    void aChangedForwarderIsRenderedAgainOnEveryClusterItRunsOnAndNothingElseIs() {
        ReadResult before = read("gliderlabs/logspout:v3.2.13");
        long renders = RenderedForwarders.SHARED.renders();
        ReadResult after = read("gliderlabs/logspout:v3.2.14");

        assertThat(RenderedForwarders.SHARED.renders() - renders).isEqualTo(2);
        assertThat(forwarder(after, "a", "pt").taskDefinition().containers().get(0).image()).isEqualTo("gliderlabs/logspout:v3.2.14");
        assertThat(forwarder(after, "a", "own")).isSameAs(forwarder(before, "a", "own"));
        assertThat(after.state().cluster("b-" + id).orElseThrow().forwarders()).singleElement()
                .satisfies(f -> assertThat(f.service().tags()).containsEntry("logship.dev/forwarder", "b-" + id + "/pt-" + id));
    }
}

package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.ContainerSpec;

/** One forwarder {@code pt} with the given spec lines on a cluster {@code prod}, read as logship reads a tree. */
final class ProdForwarder {
    private ProdForwarder() {}

    static ReadResult read(String spec) {
        return DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", spec)));
    }

    /** Its rendered container; the spec must read without problems. */
    static ContainerSpec container(String spec) {
        ReadResult result = read(spec);
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow().forwarders().get(0).taskDefinition().containers().get(0);
    }
}

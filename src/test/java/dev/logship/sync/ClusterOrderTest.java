package dev.logship.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterOrderTest {
    private static DesiredCluster cluster(String name, String role, String region) {
        return new DesiredCluster(new ClusterTarget(name, name, region, role, true, false, false), List.of());
    }

    @Test
    void interleavesAccountsAndRegionsKeepingTheOrderWithinEach() {
        String a = "arn:aws:iam::111111111111:role/x";
        String b = "arn:aws:iam::222222222222:role/x";
        List<DesiredCluster> byName = List.of(cluster("a1", a, "us-east-1"), cluster("a2", a, "us-east-1"), cluster("a3", a, "us-east-1"),
                cluster("b1", b, "us-east-1"), cluster("c1", null, "eu-west-1"), cluster("c2", null, "eu-west-1"));
        assertThat(ClusterOrder.fair(byName).stream().map(c -> c.target().name()).toList())
                .containsExactly("a1", "b1", "c1", "a2", "c2", "a3");
    }
}

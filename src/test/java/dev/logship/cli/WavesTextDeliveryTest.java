package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.render.DesiredStates;
import dev.logship.rollout.WavePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code plan} says when a policy's bakes are gated on delivery, in text and JSON, and says nothing when they are not. */
class WavesTextDeliveryTest {
    private static List<WavePlan> plan(String delivery) {
        var read = DesiredStates.read(TestSnapshots.of("c.yaml", """
                apiVersion: logship.dev/v1
                kind: Cluster
                metadata: {name: c01, labels: {ring: canary}}
                spec: {region: us-east-1}
                """, "p.yaml", """
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata: {name: rings}
                spec:
                  waves: [{name: canary, selector: {ring: canary}}]
                  bakeTime: 10m
                %s  onFailure: rollback
                """.formatted(delivery)));
        assertThat(read.problems()).isEmpty();
        return WavePlan.of(read.state(), List.of("c01"), c -> true);
    }

    @Test
    void aGatedPolicyShowsItsDeliveryWindow() {
        List<WavePlan> gated = plan("  requireDelivery: true\n  deliveryWindow: 2m\n");
        assertThat(WavesText.render("abcdef0123456789", gated))
                .contains("policy rings: bakeTime 10m, requireDelivery (deliveryWindow 2m), onFailure rollback");
        assertThat(WavesText.data(gated).get(0)).containsEntry("requireDelivery", true).containsEntry("deliveryWindowSeconds", 120L);

        List<WavePlan> plain = plan("");
        assertThat(WavesText.render("abcdef0123456789", plain)).contains("policy rings: bakeTime 10m, onFailure rollback")
                .doesNotContain("requireDelivery");
        assertThat(WavesText.data(plain).get(0)).containsEntry("requireDelivery", false).containsEntry("deliveryWindowSeconds", null);
    }
}

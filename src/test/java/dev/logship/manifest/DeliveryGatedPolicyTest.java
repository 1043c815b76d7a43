package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.RolloutPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code requireDelivery} and {@code deliveryWindow} of a RolloutPolicy: what they read into and each problem at file:line. */
class DeliveryGatedPolicyTest {
    private static String policy(String extra) {
        return """
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata:
                  name: rings
                spec:
                  waves:
                    - {name: canary, selector: {ring: canary}}
                %s  onFailure: rollback
                """.formatted(extra);
    }

    private static Manifests parse(String extra) {
        return Manifests.parse(TestSnapshots.of("p.yaml", policy(extra)));
    }

    @Test
    void readsRequireDeliveryWithItsWindow() {
        Manifests m = parse("  bakeTime: 5m\n  requireDelivery: true\n  deliveryWindow: 90s\n");
        assertThat(m.problems()).isEmpty();
        RolloutPolicy p = m.policies().get(0).policy();
        assertThat(p.requireDelivery()).isTrue();
        assertThat(p.deliveryWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(p.bakeTime()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theWindowDefaultsToTwoMinutesAndBakesAreNotGatedUnlessAsked() {
        RolloutPolicy gated = parse("  bakeTime: 5m\n  requireDelivery: true\n").policies().get(0).policy();
        assertThat(gated.deliveryWindow()).isEqualTo(Duration.ofMinutes(2));
        RolloutPolicy plain = parse("  bakeTime: 5m\n").policies().get(0).policy();
        assertThat(plain.requireDelivery()).isFalse();
        assertThat(parse("  bakeTime: 5m\n  requireDelivery: false\n").policies().get(0).policy().requireDelivery()).isFalse();
    }

    @Test
    void eachMistakeIsAProblemAtItsLine() {
        assertThat(parse("  requireDelivery: true\n").problems()).extracting(Problem::toString).containsExactly(
                "p.yaml:8:20: spec.requireDelivery: requireDelivery judges delivery during the bake: set bakeTime too"
                        + " (longer than serve's --delivery-window, so a failing route is judged within it)");
        assertThat(parse("  bakeTime: 5m\n  deliveryWindow: 2m\n").problems()).extracting(Problem::toString).containsExactly(
                "p.yaml:9:19: spec.deliveryWindow: deliveryWindow has no effect without requireDelivery: true");
        assertThat(parse("  bakeTime: 5m\n  requireDelivery: yes please\n  deliveryWindow: soon\n").problems())
                .extracting(Problem::toString).satisfiesExactly(
                        p -> assertThat(p).startsWith("p.yaml:9:20: spec.requireDelivery: "),
                        p -> assertThat(p).isEqualTo("p.yaml:10:19: spec.deliveryWindow: expected a duration such as 30s,"
                                + " 10m, 1h30m or 2d (at most 366d), got \"soon\""));
    }
}

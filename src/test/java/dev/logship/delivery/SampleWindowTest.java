package dev.logship.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleWindowTest {
    private static final Instant T0 = Instant.parse("2030-01-07T10:00:00Z");

    private static NodeSample at(String node, Instant at) {
        return new NodeSample("prod", "fb", node, at, 1, Map.of("syslog.0", RouteCounters.ZERO), 0, 1);
    }

    @Test
    void refusesASampleNotNewerThanTheNodesLastAsAReplay() {
        SampleWindow window = new SampleWindow(Duration.ofMinutes(6), 10, Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(window.record(at("n1", T0))).isEqualTo(SampleWindow.Outcome.ACCEPTED);
        assertThat(window.record(at("n1", T0))).isEqualTo(SampleWindow.Outcome.REPLAYED);
        assertThat(window.record(at("n1", T0.minusSeconds(5)))).isEqualTo(SampleWindow.Outcome.REPLAYED);
        assertThat(window.record(at("n2", T0))).as("another node's clock is its own").isEqualTo(SampleWindow.Outcome.ACCEPTED);
        assertThat(window.samples("prod", "fb")).containsOnlyKeys("n1", "n2");
        assertThat(window.forwarders("prod")).containsExactly("fb");
    }

    @Test
    void keepsAtMostTheWindowAndABoundedNumberOfSamplesAndNodes() {
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        SampleWindow window = new SampleWindow(Duration.ofMinutes(6), 2, clock);
        for (int i = 0; i < 100; i++) {
            now[0] = T0.plusSeconds(i);
            window.record(at("n1", now[0]));
        }
        assertThat(window.samples("prod", "fb").get("n1")).hasSize(SampleWindow.PER_NODE);
        window.record(at("n2", now[0]));
        assertThat(window.record(at("n3", now[0]))).isEqualTo(SampleWindow.Outcome.TOO_MANY_NODES);
        now[0] = now[0].plus(Duration.ofMinutes(7));
        assertThat(window.samples("prod", "fb")).as("older than the window").isEmpty();
        assertThat(window.record(at("n3", now[0]))).as("stale nodes make room").isEqualTo(SampleWindow.Outcome.ACCEPTED);
    }
}

package dev.logship.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The kept judgements read exactly as judging every node afresh would, round after round (2 s
 * apart), through the states that come by time alone: a node that stops reporting goes Silent,
 * an output that keeps failing goes DeliveryFailing after the window, and a dropped record ages out.
 */
class NodeVerdictsTest {
    private static final DeliverySettings SETTINGS = DeliverySettings.of(Duration.ofMinutes(2));
    private static final Instant T0 = Instant.parse("2030-01-07T10:00:00Z");

    private static NodeSample sample(String node, Instant at, long in, long out, long errors, long dropped, double uptime) {
        return new NodeSample("prod", "fb", node, at, in, Map.of("syslog.0", new RouteCounters(out, errors, errors, 0, dropped),
                "s3.1", new RouteCounters(out, 0, 0, 0, 0)), 0, uptime);
    }

    @Test
    void keptJudgementsMatchFreshOnesThroughSilenceFailureAndLoss() {
        HandClock clock = new HandClock(T0);
        SampleWindow window = new SampleWindow(SETTINGS.keep(), 100, clock);
        NodeVerdicts verdicts = new NodeVerdicts(window, SETTINGS);
        long[] in = new long[4];
        long[] out = new long[4];
        long[] errors = new long[4];
        long[] dropped = new long[4];
        int rejudged = 0;
        int rounds = 0;
        List<String> states = new java.util.ArrayList<>();
        for (int second = 0; second <= 900; second += 2) {
            clock.set(T0.plusSeconds(second));
            for (int n = 0; n < 4; n++) {
                if ((second + n * 8) % 30 != 0 || n == 1 && second > 300) {
                    continue; // every node reports every 30 s; node 1 stops at 300 s
                }
                in[n] += 300;
                boolean failing = n == 2 && second > 200 && second < 600; // node 2's output fails for 400 s
                out[n] += failing ? 0 : 300;
                errors[n] += failing ? 3 : 0;
                dropped[n] += n == 3 && second == 336 ? 5 : 0; // node 3 loses 5 records once
                window.record(sample("node-" + n, clock.instant(), in[n], out[n], errors[n], dropped[n], second + 60));
            }
            window.trim();
            NodeVerdicts.Nodes kept = verdicts.judge("prod", "fb", clock.instant());
            verdicts.endRound();
            List<NodeDelivery> fresh = DeliveryJudge.forwarder("prod", "fb", window.samples("prod", "fb"), 4, clock.instant(),
                    SETTINGS).nodes();
            assertThat(kept.nodes()).as("at %d s", second).isEqualTo(fresh);
            rounds++;
            rejudged += kept.changed() ? 1 : 0;
            String summary = new TreeMap<>(Map.of("t", second)).toString() + kept.nodes().stream().map(d -> d.state().name()).toList();
            if (states.isEmpty() || !states.get(states.size() - 1).endsWith(summary.substring(summary.indexOf('[')))) {
                states.add(summary);
            }
        }
        System.out.printf("%d rounds, %d with a node judged again; states: %s%n", rounds, rejudged, states);
        assertThat(String.join(" ", states)).contains("Silent", "DeliveryFailing");
        assertThat(rejudged).as("rounds where nothing moved reuse the last judgement").isLessThan(rounds);
    }
}

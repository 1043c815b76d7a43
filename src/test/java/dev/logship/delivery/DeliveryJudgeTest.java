package dev.logship.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryJudgeTest {
    private static final DeliverySettings TWO_MINUTES = DeliverySettings.of(Duration.ofMinutes(2));

    private static ForwarderDelivery judge(Integer running, Samples... nodes) {
        Map<String, List<NodeSample>> byNode = new java.util.TreeMap<>();
        java.time.Instant now = Samples.START;
        for (Samples s : nodes) {
            byNode.put(s.list().get(0).node(), s.list());
            now = s.now().isAfter(now) ? s.now() : now;
        }
        return DeliveryJudge.forwarder("prod", "fb", byNode, running, now, TWO_MINUTES);
    }

    @Test
    void recordsFlowingOutIsDelivering() {
        ForwarderDelivery d = judge(1, new Samples("n1", "syslog.0").steps(6, 100, 100, 0));
        assertThat(d.state()).isEqualTo(DeliveryState.Delivering);
        assertThat(d.nodes().get(0).recordsOutPerSecond()).isEqualTo(10.0);
        assertThat(d.nodes().get(0).recordsInPerSecond()).isEqualTo(10.0);
    }

    @Test
    void idleNodeWithoutErrorsIsDelivering() {
        assertThat(judge(1, new Samples("n1", "syslog.0").steps(20, 0, 0, 0)).state()).isEqualTo(DeliveryState.Delivering);
    }

    @Test
    void errorsWithoutOutputFailOnlyAfterTheWindow() {
        Samples node = new Samples("n1", "syslog.0").steps(3, 100, 100, 0).steps(11, 100, 0, 2);
        assertThat(judge(1, node).state()).as("110 s of errors").isEqualTo(DeliveryState.Delivering);
        assertThat(judge(1, node).nodes().get(0).reason()).contains("output failing for 110 s");
        node.step(100, 0, 2);
        ForwarderDelivery failing = judge(1, node);
        assertThat(failing.state()).isEqualTo(DeliveryState.DeliveryFailing);
        assertThat(failing.failingRoutes()).containsExactly(new ForwarderDelivery.FailingRoute("syslog.0", 1));
        assertThat(failing.message()).contains("syslog.0", "1 of 1 nodes", "no record delivered for 120 s");
    }

    @Test
    void anOutputRetryingWithBackoffStaysFailingThroughQuietSteps() {
        Samples node = new Samples("n1", "syslog.0").steps(3, 100, 100, 0).step(0, 0, 1).steps(12, 0, 0, 0);
        assertThat(judge(1, node).state()).isEqualTo(DeliveryState.DeliveryFailing);
    }

    @Test
    void recordsInWithNothingOutFailsEvenWithoutErrors() {
        Samples node = new Samples("n1", "syslog.0").steps(2, 10, 10, 0).steps(13, 10, 0, 0);
        assertThat(judge(1, node).state()).isEqualTo(DeliveryState.DeliveryFailing);
    }

    @Test
    void oneFailingRouteFailsTheNodeWhileAnotherDelivers() {
        Samples node = new Samples("n1", "syslog.0", "syslog.1");
        node.steps(15, 10, 10, 0);
        List<NodeSample> good = node.list();
        // route 1 stops: rebuild the samples with syslog.1's counters frozen and erroring
        List<NodeSample> mixed = new java.util.ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            NodeSample s = good.get(i);
            Map<String, RouteCounters> routes = new java.util.TreeMap<>(s.routes());
            routes.put("syslog.1", new RouteCounters(10, i, i, 0, 0));
            mixed.add(new NodeSample(s.cluster(), s.forwarder(), s.node(), s.at(), s.recordsIn(), routes, 0, s.uptimeSeconds()));
        }
        ForwarderDelivery d = DeliveryJudge.forwarder("prod", "fb", Map.of("n1", mixed), 1, node.now(), TWO_MINUTES);
        assertThat(d.state()).isEqualTo(DeliveryState.DeliveryFailing);
        assertThat(d.nodes().get(0).failingRoutes()).containsExactly("syslog.1");
    }

    @Test
    void droppedRecordsFailAtOnce() {
        Samples node = new Samples("n1", "syslog.0").steps(3, 100, 100, 0).step(100, 90, 0, 10);
        ForwarderDelivery d = judge(1, node);
        assertThat(d.state()).isEqualTo(DeliveryState.DeliveryFailing);
        assertThat(d.nodes().get(0).reason()).contains("10 records dropped");
    }

    @Test
    void outputComingBackRecovers() {
        Samples node = new Samples("n1", "syslog.0").steps(3, 100, 100, 0).steps(13, 100, 0, 2);
        DeliveryState before = judge(1, node).state();
        node.steps(2, 100, 700, 0);
        DeliveryState after = judge(1, node).state();
        assertThat(before).isEqualTo(DeliveryState.DeliveryFailing);
        assertThat(after).isEqualTo(DeliveryState.Delivering);
        assertThat(DeliveryJudge.transition(DeliveryState.Delivering, before)).isEqualTo("DeliveryFailing");
        assertThat(DeliveryJudge.transition(before, after)).isEqualTo("DeliveryRecovered");
        assertThat(DeliveryJudge.transition(after, after)).isNull();
        assertThat(DeliveryJudge.transition(DeliveryState.Silent, DeliveryState.Delivering)).isNull();
    }

    @Test
    void aRestartedProcessCountsFromZeroInsteadOfNegativeSteps() {
        Samples before = new Samples("n1", "syslog.0").steps(5, 100, 100, 0);
        Samples after = new Samples("n1", "syslog.0").steps(2, 10, 10, 0);
        List<NodeSample> joined = new java.util.ArrayList<>(before.list());
        after.list().forEach(s -> joined.add(new NodeSample(s.cluster(), s.forwarder(), s.node(), s.at().plusSeconds(50),
                s.recordsIn(), s.routes(), 0, s.uptimeSeconds())));
        ForwarderDelivery d = DeliveryJudge.forwarder("prod", "fb", Map.of("n1", joined), 1, before.now().plusSeconds(20), TWO_MINUTES);
        assertThat(d.state()).isEqualTo(DeliveryState.Delivering);
    }

    @Test
    void aNodeThatStoppedReportingIsSilentAndSoAreRunningTasksThatNeverReported() {
        Samples quiet = new Samples("n1", "syslog.0").steps(2, 10, 10, 0);
        ForwarderDelivery d = DeliveryJudge.forwarder("prod", "fb", Map.of("n1", quiet.list()), 1,
                quiet.now().plusSeconds(121), TWO_MINUTES);
        assertThat(d.state()).isEqualTo(DeliveryState.Silent);
        assertThat(d.nodes().get(0).reason()).isEqualTo("no telemetry for 121 s");

        ForwarderDelivery missing = judge(3, new Samples("n1", "syslog.0").steps(2, 10, 10, 0));
        assertThat(missing.state()).isEqualTo(DeliveryState.Silent);
        assertThat(missing.silentNodes()).isEqualTo(2);
        assertThat(missing.message()).contains("2 never reported");
    }

    @Test
    void failingOutranksSilentAndNothingRunningIsUnknown() {
        Samples failing = new Samples("n1", "syslog.0").steps(14, 10, 0, 1);
        ForwarderDelivery d = judge(2, failing);
        assertThat(d.state()).isEqualTo(DeliveryState.DeliveryFailing);
        assertThat(DeliveryJudge.forwarder("prod", "fb", Map.of(), 0, Samples.START, TWO_MINUTES).state())
                .isEqualTo(DeliveryState.Unknown);
        assertThat(DeliveryJudge.cluster(List.of(d, ForwarderDelivery.telemetryOff("prod", "other"))))
                .isEqualTo(DeliveryState.DeliveryFailing);
        assertThat(DeliveryJudge.cluster(List.of())).isEqualTo(DeliveryState.Unknown);
    }
}

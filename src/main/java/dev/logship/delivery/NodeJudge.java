package dev.logship.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges one node from its samples (a pure function of samples, clock and settings). Counters
 * are cumulative, so each step between two samples says what happened in between; the first
 * sample steps from the process start. A route fails when, since the last step that got a record
 * out, it has had errors or retries, or records came in and none went out, for at least
 * {@code failingAfter}; or when it lost records (dropped, retries given up) within that window.
 * Every route gets every record, so each route is judged on its own and the node by its worst.
 */
final class NodeJudge {
    private NodeJudge() {}

    /** A judgement and the instant after which it may read differently with no new sample (null: judge again next time). */
    record Judged(NodeDelivery delivery, Instant until) {}

    static NodeDelivery judge(String node, List<NodeSample> unsorted, Instant now, DeliverySettings settings) {
        return judged(node, unsorted, now, settings).delivery();
    }

    /**
     * Judges and says until when the judgement holds: a node that delivers and is not troubled reads
     * the same until it would go quiet for {@code silentAfter}, its oldest kept sample leaves
     * {@code keep}, or a sample within {@code failingAfter} leaves that window (the counts and rates
     * change). A troubled, failing or silent node's reason counts seconds, so it holds for no time.
     */
    static Judged judged(String node, List<NodeSample> unsorted, Instant now, DeliverySettings settings) {
        if (unsorted.isEmpty()) {
            return new Judged(NodeDelivery.silent(node, "no telemetry from this node", null), null);
        }
        List<NodeSample> samples = new ArrayList<>(unsorted);
        samples.sort(Comparator.comparing(NodeSample::at));
        NodeSample last = samples.get(samples.size() - 1);
        Duration quiet = Duration.between(last.at(), now);
        if (quiet.compareTo(settings.silentAfter()) > 0) {
            return new Judged(NodeDelivery.silent(node, "no telemetry for " + quiet.toSeconds() + " s", last.at()), null);
        }
        samples.add(0, samples.get(0).processStart());
        Instant windowStart = now.minus(settings.failingAfter());

        Set<String> failing = new TreeSet<>();
        Duration worstStuck = Duration.ZERO;
        boolean lost = false;
        Set<String> troubled = new TreeSet<>();
        for (String route : last.routes().keySet()) {
            RouteVerdict verdict = route(route, samples, now, windowStart);
            if (verdict.stuckFor != null) {
                troubled.add(route);
                worstStuck = verdict.stuckFor.compareTo(worstStuck) > 0 ? verdict.stuckFor : worstStuck;
            }
            if (verdict.stuckFor != null && verdict.stuckFor.compareTo(settings.failingAfter()) >= 0 || verdict.lost) {
                failing.add(route);
                lost |= verdict.lost;
            }
        }
        long errors = 0;
        long retries = 0;
        long dropped = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).at().isAfter(windowStart)) {
                RouteCounters step = samples.get(i).total().since(samples.get(i - 1).total());
                errors += step.errors();
                retries += step.retries();
                dropped += step.dropped() + step.retriesFailed();
            }
        }
        NodeSample base = samples.stream().filter(s -> !s.at().isBefore(windowStart)).findFirst().orElse(last);
        double seconds = Math.max(1, Duration.between(base.at(), last.at()).toMillis() / 1000.0);
        double inRate = Math.max(0, last.recordsIn() - base.recordsIn()) / seconds;
        double outRate = Math.max(0, last.total().recordsOut() - base.total().recordsOut()) / seconds;

        DeliveryState state = failing.isEmpty() ? DeliveryState.Delivering : DeliveryState.DeliveryFailing;
        String reason;
        if (!failing.isEmpty()) {
            reason = worstStuck.compareTo(settings.failingAfter()) >= 0
                    ? "no record delivered for " + worstStuck.toSeconds() + " s while output fails or retries"
                    : dropped + " records dropped or given up in the last " + settings.failingAfter().toSeconds() + " s";
        } else if (!troubled.isEmpty()) {
            reason = "output failing for " + worstStuck.toSeconds() + " s (DeliveryFailing after "
                    + settings.failingAfter().toSeconds() + " s)";
        } else {
            reason = "records out keep up with records in";
        }
        NodeDelivery delivery = new NodeDelivery(node, state, reason, last.at(), inRate, outRate, errors, retries, dropped,
                last.bufferedBytes(), last.uptimeSeconds(), List.copyOf(failing));
        if (!failing.isEmpty() || !troubled.isEmpty()) {
            return new Judged(delivery, null);
        }
        Instant until = last.at().plus(settings.silentAfter());
        until = min(until, samples.get(1).at().plus(settings.keep()));
        for (NodeSample s : samples) {
            if (!s.at().isBefore(windowStart)) {
                until = min(until, s.at().plus(settings.failingAfter()));
            }
        }
        return new Judged(delivery, until);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** {@code stuckFor}: how long the route has been troubled without a record out (null: it is not); {@code lost}: lost records in the window. */
    private record RouteVerdict(Duration stuckFor, boolean lost) {}

    private static RouteVerdict route(String route, List<NodeSample> samples, Instant now, Instant windowStart) {
        Instant goodUntil = samples.get(0).at();
        boolean troubled = false;
        boolean lost = false;
        for (int i = 1; i < samples.size(); i++) {
            NodeSample before = samples.get(i - 1);
            NodeSample after = samples.get(i);
            RouteCounters step = after.routes().getOrDefault(route, RouteCounters.ZERO)
                    .since(before.routes().getOrDefault(route, RouteCounters.ZERO));
            long in = after.recordsIn() >= before.recordsIn() ? after.recordsIn() - before.recordsIn() : after.recordsIn();
            if (step.recordsOut() > 0) {
                goodUntil = after.at();
                troubled = false;
            } else if (step.troubled() || in > 0) {
                troubled = true;
            } else if (!troubled) {
                goodUntil = after.at(); // idle; an idle step after trouble clears nothing (retries back off)
            }
            lost |= after.at().isAfter(windowStart) && step.lost();
        }
        return new RouteVerdict(troubled ? Duration.between(goodUntil, now) : null, lost);
    }
}

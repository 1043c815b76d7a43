package dev.logship.web;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryState;
import dev.logship.delivery.ForwarderDelivery;
import dev.logship.delivery.NodeDelivery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery as the status API, the page and {@code /metrics} show it. A route is named by its
 * kind and index ({@code syslog.0} is the forwarder's first syslog route); its target never
 * appears, only {@code ****}, since route hosts and ports are secrets.
 */
final class DeliveryViews {
    private DeliveryViews() {}

    static Map<String, Object> cluster(ClusterDelivery delivery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", delivery.state().name());
        view.put("condition", Map.of("type", "Delivering",
                "status", switch (delivery.state()) {
                    case Delivering -> "True";
                    case DeliveryFailing, Silent -> "False";
                    case Unknown -> "Unknown";
                },
                "reason", delivery.state().name(),
                "message", delivery.forwarders().stream().filter(f -> f.state() == delivery.state()).findFirst()
                        .map(f -> f.forwarder() + ": " + f.message()).orElse("no forwarder")));
        view.put("coverage", Map.of("covered", delivery.covered(), "uncovered", delivery.uncovered(), "silent", delivery.silent()));
        List<Object> forwarders = new ArrayList<>();
        delivery.forwarders().forEach(f -> forwarders.add(forwarder(f)));
        view.put("forwarders", forwarders);
        return view;
    }

    private static Map<String, Object> forwarder(ForwarderDelivery f) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", f.forwarder());
        view.put("state", f.state().name());
        view.put("message", f.message());
        view.put("reportingNodes", f.reportingNodes());
        view.put("failingNodes", f.failingNodes());
        view.put("silentNodes", f.silentNodes());
        view.put("failingRoutes", f.failingRoutes().stream().map(r -> Map.of("route", r.route(), "kind", kind(r.route()),
                "target", "****", "nodes", r.nodes())).toList());
        view.put("nodes", f.nodes().stream().map(DeliveryViews::node).toList());
        return view;
    }

    private static Map<String, Object> node(NodeDelivery n) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("node", n.node());
        view.put("state", n.state().name());
        view.put("reason", n.reason());
        view.put("lastReport", n.lastReport() == null ? null : n.lastReport().toString());
        view.put("recordsInPerSecond", n.recordsInPerSecond());
        view.put("recordsOutPerSecond", n.recordsOutPerSecond());
        view.put("errors", n.errors());
        view.put("retries", n.retries());
        view.put("dropped", n.dropped());
        view.put("bufferedBytes", n.bufferedBytes());
        view.put("uptimeSeconds", n.uptimeSeconds());
        view.put("failingRoutes", n.failingRoutes());
        return view;
    }

    /** The output plugin of a route name such as {@code syslog.0}. */
    static String kind(String route) {
        int dot = route.lastIndexOf('.');
        return dot < 0 ? route : route.substring(0, dot);
    }

    /** logship_delivery_state (1 for the current state), logship_delivery_failing_nodes, logship_nodes_uncovered, logship_nodes_silent. */
    static Runnable metrics(MeterRegistry registry, DeliveryMonitor monitor) {
        MultiGauge state = MultiGauge.builder("logship.delivery.state")
                .description("1 for each forwarder's delivery state (Delivering, DeliveryFailing, Silent, Unknown)").register(registry);
        MultiGauge failing = MultiGauge.builder("logship.delivery.failing.nodes")
                .description("Nodes whose forwarder fails to deliver").register(registry);
        MultiGauge reporting = MultiGauge.builder("logship.delivery.reporting.nodes")
                .description("Nodes whose forwarder reports telemetry").register(registry);
        MultiGauge uncovered = MultiGauge.builder("logship.nodes.uncovered")
                .description("Nodes that should run a forwarder and do not").register(registry);
        MultiGauge silent = MultiGauge.builder("logship.nodes.silent")
                .description("Nodes that run a forwarder that sends no telemetry").register(registry);
        return () -> {
            List<MultiGauge.Row<?>> states = new ArrayList<>();
            List<MultiGauge.Row<?>> failingRows = new ArrayList<>();
            List<MultiGauge.Row<?>> reportingRows = new ArrayList<>();
            List<MultiGauge.Row<?>> uncoveredRows = new ArrayList<>();
            List<MultiGauge.Row<?>> silentRows = new ArrayList<>();
            monitor.all().values().forEach(c -> {
                uncoveredRows.add(MultiGauge.Row.of(Tags.of("cluster", c.cluster()), c.uncovered()));
                silentRows.add(MultiGauge.Row.of(Tags.of("cluster", c.cluster()), c.silent()));
                c.forwarders().forEach(f -> {
                    Tags tags = Tags.of("cluster", c.cluster(), "forwarder", f.forwarder());
                    for (DeliveryState s : DeliveryState.values()) {
                        states.add(MultiGauge.Row.of(tags.and("state", s.name()), s == f.state() ? 1 : 0));
                    }
                    failingRows.add(MultiGauge.Row.of(tags, f.failingNodes()));
                    reportingRows.add(MultiGauge.Row.of(tags, f.reportingNodes()));
                });
            });
            state.register(states, true);
            failing.register(failingRows, true);
            reporting.register(reportingRows, true);
            uncovered.register(uncoveredRows, true);
            silent.register(silentRows, true);
        };
    }
}

package dev.logship.web;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryState;
import dev.logship.delivery.ForwarderDelivery;
import dev.logship.delivery.NodeDelivery;
import dev.logship.model.RouteSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery as the status API, the page and {@code /metrics} show it. A failing route is named by
 * its Fluent Bit output ({@code cloudwatch_logs.1}: outputs are rendered in route order, so the
 * number is the route's index) and, where the forwarder's routes are known, by the kind and target
 * status already shows for that route, which is masked where secret (a syslog host and port are
 * {@code ****}); an unknown route's target is only {@code ****}.
 */
final class DeliveryViews {
    private DeliveryViews() {}

    /**
     * The cluster table's cell: state, what decided it and the node counts. Its sentence has no
     * durations or rates (unlike the judge's, "no record delivered for 74 s"), so the cell changes
     * only when the state or a count does, and the page's long poll does not wake every check.
     */
    static Map<String, Object> brief(ClusterDelivery delivery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", delivery.state().name());
        view.put("message", delivery.forwarders().stream().filter(f -> f.state() == delivery.state()).findFirst()
                .map(DeliveryViews::steadyMessage).orElse("no forwarder"));
        view.put("covered", delivery.covered());
        view.put("uncovered", delivery.uncovered());
        view.put("silent", delivery.silent());
        return view;
    }

    private static String steadyMessage(ForwarderDelivery f) {
        String nodes = switch (f.state()) {
            case DeliveryFailing -> "route " + String.join(", ", f.failingRoutes().stream()
                    .map(ForwarderDelivery.FailingRoute::route).toList()) + " failing on " + f.failingNodes() + " node(s)";
            case Silent -> f.silentNodes() + " node(s) running the forwarder send no telemetry";
            case Delivering -> "delivering on " + f.reportingNodes() + " node(s)";
            case Unknown -> f.message();
        };
        return f.forwarder() + ": " + nodes;
    }

    private static String message(ClusterDelivery delivery) {
        return delivery.forwarders().stream().filter(f -> f.state() == delivery.state()).findFirst()
                .map(f -> f.forwarder() + ": " + f.message()).orElse("no forwarder");
    }

    /** {@code routes}: each forwarder's routes as status shows them (masked), by forwarder name. */
    static Map<String, Object> cluster(ClusterDelivery delivery, Map<String, List<RouteSummary>> routes) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", delivery.state().name());
        view.put("condition", Map.of("type", "Delivering",
                "status", switch (delivery.state()) {
                    case Delivering -> "True";
                    case DeliveryFailing, Silent -> "False";
                    case Unknown -> "Unknown";
                },
                "reason", delivery.state().name(),
                "message", message(delivery)));
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("covered", delivery.covered());
        coverage.put("uncovered", delivery.uncovered());
        coverage.put("silent", delivery.silent());
        // Named where a node is known (it reported once); tasks that never reported are only counted.
        coverage.put("silentNodes", delivery.forwarders().stream().flatMap(f -> f.nodes().stream())
                .filter(n -> n.state() == DeliveryState.Silent).map(NodeDelivery::node).distinct().sorted().toList());
        view.put("coverage", coverage);
        List<Object> forwarders = new ArrayList<>();
        delivery.forwarders().forEach(f -> forwarders.add(forwarder(f, routes.getOrDefault(f.forwarder(), List.of()))));
        view.put("forwarders", forwarders);
        return view;
    }

    private static Map<String, Object> forwarder(ForwarderDelivery f, List<RouteSummary> routes) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", f.forwarder());
        view.put("state", f.state().name());
        view.put("message", f.message());
        view.put("reportingNodes", f.reportingNodes());
        view.put("failingNodes", f.failingNodes());
        view.put("silentNodes", f.silentNodes());
        view.put("failingRoutes", f.failingRoutes().stream().map(r -> failingRoute(r, routes)).toList());
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

    private static Map<String, Object> failingRoute(ForwarderDelivery.FailingRoute r, List<RouteSummary> routes) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("route", r.route());
        RouteSummary known = summary(r.route(), routes);
        view.put("kind", known == null ? kind(r.route()) : known.kind());
        view.put("target", known == null ? "****" : known.target());
        view.put("containers", known == null ? null : known.containers());
        view.put("nodes", r.nodes());
        return view;
    }

    /** The route {@code cloudwatch_logs.1} names: the forwarder's route 1, if it has one. */
    static RouteSummary summary(String route, List<RouteSummary> routes) {
        String index = route.substring(route.lastIndexOf('.') + 1);
        if (!index.matches("\\d{1,3}")) {
            return null;
        }
        int i = Integer.parseInt(index);
        if (i >= routes.size()) {
            return null;
        }
        // Only when the output's plugin is that route's kind: a route list that moved since never names another route.
        String plugin = kind(route).replace("_", "");
        String kind = routes.get(i).kind().toLowerCase(java.util.Locale.ROOT);
        return plugin.endsWith(kind) || plugin.equals("opentelemetry") && kind.equals("otlp") ? routes.get(i) : null;
    }

    /** The output plugin of a route name such as {@code syslog.0}. */
    static String kind(String route) {
        int dot = route.lastIndexOf('.');
        return dot < 0 ? route : route.substring(0, dot);
    }

    /**
     * logship_delivery_state (1 for the current state), logship_delivery_failing_nodes, logship_nodes_silent;
     * logship_nodes_uncovered comes from ECS alone ({@link ServeMetrics}), so it is there without telemetry too.
     */
    static Runnable metrics(MeterRegistry registry, DeliveryMonitor monitor) {
        MultiGauge state = MultiGauge.builder("logship.delivery.state")
                .description("1 for each forwarder's delivery state (Delivering, DeliveryFailing, Silent, Unknown)").register(registry);
        MultiGauge failing = MultiGauge.builder("logship.delivery.failing.nodes")
                .description("Nodes whose forwarder fails to deliver").register(registry);
        MultiGauge reporting = MultiGauge.builder("logship.delivery.reporting.nodes")
                .description("Nodes whose forwarder reports telemetry").register(registry);
        MultiGauge silent = MultiGauge.builder("logship.nodes.silent")
                .description("Nodes that run a forwarder that sends no telemetry").register(registry);
        return () -> {
            List<MultiGauge.Row<?>> states = new ArrayList<>();
            List<MultiGauge.Row<?>> failingRows = new ArrayList<>();
            List<MultiGauge.Row<?>> reportingRows = new ArrayList<>();
            List<MultiGauge.Row<?>> silentRows = new ArrayList<>();
            monitor.all().values().forEach(c -> {
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
            silent.register(silentRows, true);
        };
    }
}

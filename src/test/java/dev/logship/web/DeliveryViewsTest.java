package dev.logship.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryState;
import dev.logship.delivery.ForwarderDelivery;
import dev.logship.delivery.NodeDelivery;
import dev.logship.model.RouteSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivery as the table and the cluster's detail show it: steady cells, failing routes named as status names them. */
class DeliveryViewsTest {
    private static final List<RouteSummary> ROUTES = List.of(new RouteSummary("syslog", "syslog+tls://****:****", "all"),
            new RouteSummary("cloudwatchLogs", "/ecs/prod/{container} (us-east-1)", "api, worker"));

    private static ClusterDelivery failing(String reason, double rate, String route) {
        NodeDelivery node = new NodeDelivery("node-b", DeliveryState.DeliveryFailing, reason, Instant.now(), rate, rate, 4, 4, 0, 0,
                60, List.of(route));
        ForwarderDelivery f = new ForwarderDelivery("prod", "papertrail", DeliveryState.DeliveryFailing,
                "route " + route + " failing on 1 of 1 nodes: " + reason, List.of(node),
                List.of(new ForwarderDelivery.FailingRoute(route, 1)), 1, 1, 0);
        return new ClusterDelivery("prod", DeliveryState.DeliveryFailing, List.of(f), 1, 0, 0);
    }

    @Test
    void theTableCellStaysTheSameWhileOnlyDurationsAndRatesMove() {
        Map<String, Object> before = DeliveryViews.brief(failing("no record delivered for 61 s while output fails", 3.0, "cloudwatch_logs.1"));
        Map<String, Object> after = DeliveryViews.brief(failing("no record delivered for 74 s while output fails", 5.5, "cloudwatch_logs.1"));
        assertThat(after).isEqualTo(before);
        assertThat(before.get("message")).isEqualTo("papertrail: route cloudwatch_logs.1 failing on 1 node(s)");
        assertThat(DeliveryViews.brief(failing("x", 3.0, "syslog.0"))).isNotEqualTo(before);
    }

    @Test
    void aFailingRouteIsNamedByTheRouteStatusShowsOnlyWhenItsPluginIsThatKind() {
        assertThat(DeliveryViews.summary("cloudwatch_logs.1", ROUTES)).isEqualTo(ROUTES.get(1));
        assertThat(DeliveryViews.summary("syslog.0", ROUTES)).isEqualTo(ROUTES.get(0));
        assertThat(DeliveryViews.summary("syslog.1", ROUTES)).as("route 1 is not a syslog route").isNull();
        assertThat(DeliveryViews.summary("http.7", ROUTES)).isNull();
        assertThat(DeliveryViews.summary("opentelemetry.0", List.of(new RouteSummary("otlp", "https://otel:4318", "all"))))
                .isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) ((List<Map<String, Object>>) ((Map<String, Object>) ((List<?>)
                DeliveryViews.cluster(failing("x", 1, "syslog.1"), Map.of("papertrail", ROUTES)).get("forwarders")).get(0))
                .get("failingRoutes")).get(0);
        assertThat(shown).containsEntry("kind", "syslog").containsEntry("target", "****");
    }
}

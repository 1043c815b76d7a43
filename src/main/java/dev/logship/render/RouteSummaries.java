package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.RouteSecret;
import dev.logship.model.RouteSummary;
import java.util.ArrayList;
import java.util.List;

/** A forwarder's routes as plan, render and status show them: kind, masked target, containers. */
final class RouteSummaries {
    private RouteSummaries() {}

    static List<RouteSummary> of(ForwarderManifest forwarder) {
        if (forwarder.agent().fluentBit()) {
            return RouteOutputs.of(forwarder).stream()
                    .map(route -> new RouteSummary(route.kind(), route.target(), route.match().describe())).toList();
        }
        List<RouteSummary> routes = new ArrayList<>();
        forwarder.routes().forEach(uri -> routes.add(new RouteSummary("logspout", Secrets.maskRoute(uri), "all")));
        RouteSecret secret = forwarder.routeSecret();
        if (secret != null) {
            routes.add(new RouteSummary("logspout", "ROUTE_URIS from " + (secret.store() == RouteSecret.Store.SSM
                    ? "SSM " : "Secrets Manager ") + secret.valueFrom(), "all"));
        }
        return routes;
    }
}

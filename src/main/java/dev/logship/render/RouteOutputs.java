package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.model.Destination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of a Fluent Bit forwarder as a {@link RouteOutput}, in order: the syslog routes
 * (literal URIs, then uriFrom), then the typed destinations as written. Route {@code n} owns the
 * variables {@code LOGSHIP_ROUTE_n_*}.
 */
final class RouteOutputs {
    private RouteOutputs() {}

    static List<RouteOutput> of(ForwarderManifest forwarder) {
        FluentBitRoutes.Resolved syslog = FluentBitRoutes.of(forwarder);
        List<RouteOutput> outputs = new ArrayList<>();
        for (FluentBitRoutes.Route route : syslog.routes()) {
            outputs.add(new SyslogOutput(route, only(syslog.environment(), route), only(syslog.secrets(), route)));
        }
        for (Destination destination : forwarder.destinations()) {
            outputs.add(output(destination, forwarder.name(), outputs.size()));
        }
        return outputs;
    }

    private static RouteOutput output(Destination destination, String forwarder, int index) {
        if (destination instanceof Destination.CloudWatchLogs d) {
            return new CloudWatchLogsOutput(d, forwarder);
        } else if (destination instanceof Destination.S3 d) {
            return new S3Output(d, forwarder, index);
        } else if (destination instanceof Destination.Firehose d) {
            return new FirehoseOutput(d);
        } else if (destination instanceof Destination.Otlp d) {
            return new OtlpOutput(d, index);
        } else if (destination instanceof Destination.Splunk d) {
            return new SplunkOutput(d, index);
        } else if (destination instanceof Destination.Datadog d) {
            return new DatadogOutput(d, forwarder, index);
        } else if (destination instanceof Destination.Loki d) {
            return new LokiOutput(d, forwarder);
        }
        return new HttpOutput((Destination.Http) destination, index);
    }

    private static Map<String, String> only(Map<String, String> values, FluentBitRoutes.Route route) {
        Map<String, String> mine = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.equals(route.hostVariable()) || name.equals(route.portVariable())) {
                mine.put(name, value);
            }
        });
        return mine;
    }
}

package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.util.ArrayList;
import java.util.List;

/**
 * cloudwatch_logs: one event per record (the record as JSON). Templates become the routed tag's
 * parts ({@code /ecs/{cluster}/{container}} -> {@code /ecs/$TAG[1]/$TAG[3]}): Fluent Bit v5.1.1
 * cannot parse a record accessor followed by '/' ("/ecs/$cluster/$container" exits at start),
 * but parses $TAG[n] anywhere. The fixed name beside them is the fallback Fluent Bit uses when
 * a template cannot be resolved. The stream defaults to {@code {container}.{instance}}: one per
 * container per node.
 */
record CloudWatchLogsOutput(Destination.CloudWatchLogs route, String forwarder) implements RouteOutput {
    static final String DEFAULT_STREAM = "{container}.{instance}";

    public String kind() { return route.kind(); }

    public String plugin() { return "cloudwatch_logs"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        out.p("region", route.region());
        String group = route.logGroup();
        out.p("log_group_name", RecordFields.fill(group, forwarder, "unknown"));
        if (RecordFields.perRecord(group)) {
            out.p("log_group_template", RecordFields.tagParts(group, forwarder));
        }
        String stream = route.logStream() == null ? DEFAULT_STREAM : route.logStream();
        out.p("log_stream_name", RecordFields.fill(stream, forwarder, "unknown"));
        if (RecordFields.perRecord(stream)) {
            out.p("log_stream_template", RecordFields.tagParts(stream, forwarder));
        }
        if (route.createGroup()) {
            out.p("auto_create_group", "on");
        }
        if (route.retentionDays() != null) {
            out.p("log_retention_days", String.valueOf(route.retentionDays()));
        }
        AwsEndpoint.hostAndPort(out, route.endpoint());
        out.p("retry_limit", "no_limits").p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    public String target() {
        return route.logGroup() + " (" + route.region() + ")";
    }

    public List<IamStatement> taskRole(String account) {
        String group = "arn:" + AwsEndpoint.partition(route.region()) + ":logs:" + route.region() + ":" + account
                + ":log-group:" + RecordFields.fill(route.logGroup(), forwarder, "*");
        List<IamStatement> statements = new ArrayList<>();
        statements.add(new IamStatement("WriteLogEvents", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(group, group + ":log-stream:*")));
        if (route.createGroup()) {
            List<String> actions = route.retentionDays() == null ? List.of("logs:CreateLogGroup")
                    : List.of("logs:CreateLogGroup", "logs:PutRetentionPolicy");
            statements.add(new IamStatement("CreateLogGroup", actions, List.of(group)));
        }
        return statements;
    }
}

package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.util.List;

/** kinesis_firehose: each record as JSON into one delivery stream (PutRecordBatch). */
record FirehoseOutput(Destination.Firehose route) implements RouteOutput {
    public String kind() { return route.kind(); }

    public String plugin() { return "kinesis_firehose"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        out.p("region", route.region()).p("delivery_stream", route.deliveryStream());
        AwsEndpoint.hostAndPort(out, route.endpoint());
        out.p("retry_limit", "no_limits").p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    public String target() {
        return route.deliveryStream() + " (" + route.region() + ")";
    }

    public List<IamStatement> taskRole(String account) {
        return List.of(new IamStatement("PutRecords", List.of("firehose:PutRecordBatch"),
                List.of("arn:" + AwsEndpoint.partition(route.region()) + ":firehose:" + route.region() + ":" + account
                        + ":deliverystream/" + route.deliveryStream())));
    }
}

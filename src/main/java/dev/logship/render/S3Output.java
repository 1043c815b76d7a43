package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.util.List;

/**
 * s3: JSON lines, one object per upload with a unique key under the prefix. s3_key_format reads
 * only the tag, so templates become parts of the routed tag ({@code $TAG[1]} = cluster ...).
 * PutObject only (use_put_object), so the task role needs s3:PutObject and nothing else; the
 * plugin buffers in its own store_dir on the node's state volume, capped at the route's share.
 */
record S3Output(Destination.S3 route, String forwarder, int index) implements RouteOutput {
    /** PutObject's practical size per upload; Fluent Bit uploads earlier when upload_timeout passes. */
    static final String FILE_SIZE = "50M";
    static final String UPLOAD_TIMEOUT = "1m";

    public String kind() { return route.kind(); }

    public String plugin() { return "s3"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        boolean gzip = route.compression().equals("gzip");
        out.p("bucket", route.bucket()).p("region", route.region())
                .p("use_put_object", "on")
                .p("total_file_size", FILE_SIZE)
                .p("upload_timeout", UPLOAD_TIMEOUT)
                .p("s3_key_format", "/" + RecordFields.tagParts(route.prefix(), forwarder)
                        + "%Y/%m/%d/%H%M%S-$UUID.jsonl" + (gzip ? ".gz" : ""))
                .p("store_dir", FluentBitAgent.STATE + "/s3/" + index)
                .p("store_dir_limit_size", String.valueOf(bufferShare));
        if (gzip) {
            out.p("compression", "gzip");
        }
        if (route.endpoint() != null) {
            out.p("endpoint", route.endpoint());
        }
    }

    public String target() {
        return "s3://" + route.bucket() + "/" + route.prefix() + " (" + route.region() + ")";
    }

    public List<IamStatement> taskRole(String account) {
        String prefix = RecordFields.fill(route.prefix(), forwarder, "*");
        prefix = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        return List.of(new IamStatement("PutObjects", List.of("s3:PutObject"),
                List.of("arn:" + AwsEndpoint.partition(route.region()) + ":s3:::" + route.bucket() + "/" + prefix + "*")));
    }
}

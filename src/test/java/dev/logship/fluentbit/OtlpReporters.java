package dev.logship.fluentbit;

import dev.logship.web.IngestRoutes;
import dev.logship.web.OtlpPushes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Nodes that deliver, one per cluster, pushing Fluent Bit's metrics as OTLP over HTTP to serve's
 * ingest every {@value #EVERY_MS} ms: records in and out keep pace on one route. They stand in for
 * the nodes of clusters whose Fluent Bit the test does not run.
 */
final class OtlpReporters implements AutoCloseable {
    static final long EVERY_MS = 2_000;
    private final int port;
    private final String token;
    private final String forwarder;
    private final List<String> clusters;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread thread = new Thread(this::run, "otlp-reporters");
    private volatile boolean stop;

    OtlpReporters(int port, String token, String forwarder, List<String> clusters) {
        this.port = port;
        this.token = token;
        this.forwarder = forwarder;
        this.clusters = List.copyOf(clusters);
    }

    OtlpReporters start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        long records = 0;
        while (!stop) {
            records += 10;
            for (String cluster : clusters) {
                byte[] body = OtlpPushes.push(cluster, forwarder, "node-" + cluster, Instant.now(), records,
                        Map.of("syslog.0", new long[] {records, 0}));
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + IngestRoutes.PATH))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    // serve may be stopping; the next report tries again
                }
            }
            try {
                Thread.sleep(EVERY_MS); // the report interval, as a node's
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(10_000);
    }
}

package dev.logship.prometheus;

import com.sun.net.httpserver.HttpServer;
import dev.logship.delivery.SampleWindow;
import dev.logship.testkit.Waits;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What one read of the Prometheus delivery reader costs at fleet size (BENCHMARKS.md): a real
 * Prometheus scrapes, every 15 s, one exposition holding Fluent Bit's figures for N nodes (labels
 * as service discovery gives them, kept with honor_labels), then the reader's queries are timed:
 * the first read (the whole kept window) and steady reads (the last 35 s), with the answer's size.
 * Run: java -cp target/test-classes:target/classes:CP dev.logship.prometheus.PromQlReadCost [nodes] [window-seconds]
 */
public final class PromQlReadCost {
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Duration window = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 30);
        Path dir = Files.createTempDirectory("promql-read-cost");
        HttpServer exposition = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        long[] scrape = {0};
        exposition.createContext("/metrics", exchange -> {
            byte[] body = exposition(nodes, ++scrape[0]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        exposition.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RealPrometheus prometheus = RealPrometheus.startWith(dir, port, """
                global: {scrape_interval: 15s, scrape_timeout: 10s}
                scrape_configs:
                  - job_name: fleet
                    honor_labels: true
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(exposition.getAddress().getPort()))) {
            Duration keep = window.multipliedBy(3);
            Waits.until("Prometheus holds a kept window of scrapes", keep.plusSeconds(60), () -> scrape[0] >= keep.toSeconds() / 15 + 1);
            PrometheusSettings settings = new PrometheusSettings(prometheus.url(), null, window, Duration.ofSeconds(10));
            measure("a kept window's read (" + keep.toSeconds() + " s, no longer made at start)", settings,
                    PrometheusReader.query(keep), nodes, keep);
            for (int i = 0; i < 3; i++) {
                measure("steady read (20 s: every 10 s + 10 s slack)", settings, PrometheusReader.query(Duration.ofSeconds(20)),
                        nodes, keep);
                Waits.pause(Duration.ofSeconds(10)); // the reader's pace
            }
        } finally {
            exposition.stop(0);
        }
    }

    private static void measure(String what, PrometheusSettings settings, String query, int nodes, Duration keep) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        byte[] raw = http.send(HttpRequest.newBuilder(URI.create(settings.url() + "/api/v1/query?time=" + at.toEpochMilli() / 1000.0
                + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        long fetched = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long[] counts = new long[2];
        FluentBitSeries series = new FluentBitSeries();
        long t1 = System.nanoTime();
        new PromQl(settings).query(query, at, (labels, times, values) -> {
            counts[0]++;
            counts[1] += times.size();
            series.series(labels, times, values);
        });
        SampleWindow window = new SampleWindow(keep, 50_000, Clock.systemUTC());
        var samples = series.samples();
        samples.forEach(window::record);
        long t2 = System.nanoTime();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%s at %,d nodes: %,d series, %,d points, %,d bytes of JSON; Prometheus alone %.0f ms;"
                        + " the reader's whole read (query, streamed parse, %,d samples into the window) %.0f ms; heap held ~%,d MiB%n",
                what, nodes, counts[0], counts[1], raw.length, (fetched - t0) / 1e6, samples.size(), (t2 - t1) / 1e6,
                (heapAfter - heapBefore) >> 20);
    }

    /** N nodes' Fluent Bit figures as one exposition: 8 series a node, counters moving every scrape. */
    static String exposition(int nodes, long scrape) {
        StringBuilder out = new StringBuilder(nodes * 900);
        for (int n = 0; n < nodes; n++) {
            String node = "cluster=\"c" + (n / 10) + "\",forwarder=\"papertrail\",instance=\"i-" + String.format("%017x", n) + "\"";
            long records = scrape * 300 + n;
            out.append("fluentbit_uptime{").append(node).append(",hostname=\"ip-").append(n).append("\"} ").append(scrape * 15).append('\n');
            out.append("fluentbit_input_records_total{").append(node).append(",name=\"tail.0\"} ").append(records).append('\n');
            out.append("fluentbit_input_storage_memory_bytes{").append(node).append(",name=\"tail.0\"} 4096\n");
            for (String metric : new String[] {"proc_records", "errors", "retries", "retries_failed", "dropped_records"}) {
                out.append("fluentbit_output_").append(metric).append("_total{").append(node).append(",name=\"syslog.0\"} ")
                        .append(metric.equals("proc_records") ? records : 0).append('\n');
            }
        }
        return out.toString();
    }
}

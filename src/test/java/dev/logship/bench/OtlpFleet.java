package dev.logship.bench;

import dev.logship.web.IngestRoutes;
import dev.logship.web.OtlpPushes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The ingest benchmark's generator: {@code nodes} Fluent Bit nodes, each pushing one OTLP/HTTP
 * metrics export (the body {@link OtlpPushes} builds, as fluentbit_metrics + the opentelemetry
 * output send it) every {@code intervalNanos}, slots spread evenly over the interval, with the
 * real bearer token. Every push is its own TCP connection from the node's own loopback source
 * address (127.1.x.y, as each EC2 node has its own address; {@code sources} below {@code nodes}
 * puts several nodes behind one address, as a load balancer or NAT would), so the ingest's
 * per-address limit sees what it would see in a VPC. HTTP/1.1 by hand because Java 17's
 * HttpClient cannot bind a source address.
 */
final class OtlpFleet implements AutoCloseable {
    private final int port;
    private final String token;
    private final int nodes;
    private final int sources;
    private final int clusters;
    private final long intervalNanos;
    private final long[] recordsIn;
    private final ExecutorService workers = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "otlp-node");
        t.setDaemon(true);
        return t;
    });
    /** Sends each node's own address in X-Forwarded-For, as a load balancer in front of serve would (sources below nodes). */
    volatile boolean forwardedFor;
    private volatile boolean running = true;
    private volatile boolean measuring;
    /** Latency (ms, connect to last response byte) of pushes started while measuring. */
    private final List<Double> latencies = new ArrayList<>();
    /** How late a push started against its slot (ms), while measuring: the generator keeping up. */
    private final List<Double> lags = new ArrayList<>();
    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final AtomicLong bodyBytes = new AtomicLong();
    private Thread dispatcher;

    OtlpFleet(int port, String token, int nodes, int sources, int clusters, long intervalNanos) {
        this.port = port;
        this.token = token;
        this.nodes = nodes;
        this.sources = sources;
        this.clusters = clusters;
        this.intervalNanos = intervalNanos;
        this.recordsIn = new long[nodes];
    }

    /** Starts pushing: push n goes to node n % nodes at start + n * interval / nodes. */
    OtlpFleet start() {
        long start = System.nanoTime();
        dispatcher = new Thread(() -> {
            for (long n = 0; running; n++) {
                long due = start + n * intervalNanos / nodes;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing a generator to its schedule, not waiting for a condition
                }
                int node = (int) (n % nodes);
                workers.execute(() -> push(node, due));
            }
        }, "otlp-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
        return this;
    }

    void measure(boolean on) {
        measuring = on;
    }

    synchronized Stats latencies() {
        return new Stats(latencies);
    }

    synchronized Stats lags() {
        return new Stats(lags);
    }

    static String cluster(int node, int clusters) {
        return FleetShapes.clusterName(node % clusters);
    }

    /** The forwarder FleetShapes.mostlyOne runs on the node's cluster: papertrail, and papertrail-eu on the last tenth. */
    static String forwarder(int node, int clusters) {
        int c = node % clusters;
        return c < clusters - Math.max(1, clusters / 10) ? "papertrail" : "papertrail-eu";
    }

    static String hostname(int node) {
        return String.format(Locale.ROOT, "ip-10-%d-%d-%d.ec2.internal", node / 65536, node / 256 % 256, node % 256);
    }

    private InetAddress source(int node) throws IOException {
        return address(node % sources);
    }

    /** The address node {@code node} has in its VPC (what a balancer in front of serve forwards for). */
    private static InetAddress ownAddress(int node) throws IOException {
        return address(node);
    }

    private static InetAddress address(int s) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, (byte) (1 + s / 62500), (byte) (s / 250 % 250), (byte) (s % 250 + 1)});
    }

    private void push(int node, long due) {
        long started = System.nanoTime();
        boolean counted = measuring;
        long in;
        synchronized (recordsIn) {
            in = recordsIn[node] += 300;
        }
        Instant now = Instant.now();
        byte[] body = FluentBitFamilies.pad(OtlpPushes.push(cluster(node, clusters), forwarder(node, clusters), hostname(node), now, in,
                Map.of("http.0", new long[] {in - 10, 0})), cluster(node, clusters), forwarder(node, clusters), now, in);
        bodyBytes.set(body.length);
        String outcome;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source(node), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + IngestRoutes.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: Fluent-Bit\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/x-protobuf\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n"
                    + (forwardedFor ? "X-Forwarded-For: " + ownAddress(node).getHostAddress() + "\r\n" : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            outcome = status(socket.getInputStream());
        } catch (IOException e) {
            outcome = "failed: " + e.getClass().getSimpleName();
        }
        long ended = System.nanoTime();
        if (counted && running) {
            outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
            synchronized (this) {
                latencies.add((ended - started) / 1e6);
                lags.add(Math.max(0, started - due) / 1e6);
            }
        }
    }

    /** The response's status code, read to the end of the response (the server closes: Connection: close). */
    private static String status(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (head.size() < 64) {
                head.write(buffer, 0, Math.min(n, 64));
            }
        }
        String line = head.toString(StandardCharsets.US_ASCII);
        return line.startsWith("HTTP/1.1 ") && line.length() >= 12 ? line.substring(9, 12) : "failed: no status line";
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (dispatcher != null) {
            dispatcher.join(5000);
        }
        workers.shutdown();
        workers.awaitTermination(40, TimeUnit.SECONDS);
    }
}

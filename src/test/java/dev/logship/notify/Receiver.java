package dev.logship.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A notifier's receiver for tests: a real HTTP server on loopback that records every body and
 * answers with scripted statuses (then 200), or never answers at all ({@link #hanging()}).
 * Its URL carries a secret-looking path, so tests can check the URL leaks nowhere.
 */
public final class Receiver implements AutoCloseable {
    public static final String SECRET_PATH = "/hooks/T0PSECRET-notifier-path";

    private final HttpServer server;
    private final List<Integer> script;
    private final boolean hang;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private Receiver(List<Integer> script, boolean hang) throws IOException {
        this.script = new ArrayList<>(script);
        this.hang = hang;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = requests.getAndIncrement();
            if (hang) {
                try {
                    released.await(); // hold the request open until the test ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            int status = n < this.script.size() ? this.script.get(n) : 200;
            if (status == 200) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            answered.incrementAndGet();
        });
        server.start();
    }

    /** Answers these statuses in turn, then 200 to everything; records the bodies it took (answered 200). */
    public static Receiver answering(Integer... statuses) throws IOException {
        return new Receiver(List.of(statuses), false);
    }

    /** Takes every request and never answers it. */
    public static Receiver hanging() throws IOException {
        return new Receiver(List.of(), true);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH);
    }

    public int requests() {
        return requests.get();
    }

    public int answered() {
        return answered.get();
    }

    /** The bodies of the requests answered 200, in arrival order. */
    public List<String> delivered() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

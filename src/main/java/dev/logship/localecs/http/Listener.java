package dev.logship.localecs.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The one JDK HTTP server local-ecs listens on: ECS and STS at {@code /}, the admin API under its prefix. */
public final class Listener implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus
        // delayed ACKs add ~40 ms to every call. Read once, when the JDK server first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService executor;

    /** Binds now (so a taken port fails here); serves from {@link #start()}. */
    public Listener(String host, int port, HttpHandler api, String adminPrefix, HttpHandler admin) throws IOException {
        this.http = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-ecs-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", api);
        http.createContext(adminPrefix, admin);
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}

package dev.logship.fluentbit.receivers;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * One destination's address: plain HTTP and TLS on its ports, all answered by its receiver.
 * {@link #down()} closes them (connections refused, open ones dropped) until {@link #up()}.
 */
final class Listener {
    private final Destination destination;
    private final HttpHandler handler;
    private final SSLContext tls;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<HttpServer> servers = new ArrayList<>();

    Listener(Destination destination, HttpHandler handler, SSLContext tls) {
        this.destination = destination;
        this.handler = handler;
        this.tls = tls;
    }

    synchronized Listener up() throws IOException {
        InetAddress at = InetAddress.getByName(destination.address);
        for (int port : destination.plainPorts) {
            servers.add(start(HttpServer.create(new InetSocketAddress(at, port), 100)));
        }
        for (int port : destination.tlsPorts) {
            HttpsServer secure = HttpsServer.create(new InetSocketAddress(at, port), 100);
            secure.setHttpsConfigurator(new HttpsConfigurator(tls));
            servers.add(start(secure));
        }
        return this;
    }

    private HttpServer start(HttpServer server) {
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return server;
    }

    synchronized void down() {
        servers.forEach(s -> s.stop(0));
        servers.clear();
    }
}

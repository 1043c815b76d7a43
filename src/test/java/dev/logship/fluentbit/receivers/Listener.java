package dev.logship.fluentbit.receivers;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * One destination's address: plain HTTP on port 80 and TLS on 443, both answered by its receiver.
 * {@link #down()} closes both (connections refused, open ones dropped) until {@link #up()}.
 */
final class Listener {
    private final String address;
    private final HttpHandler handler;
    private final SSLContext tls;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "receiver");
        t.setDaemon(true);
        return t;
    });
    private HttpServer plain;
    private HttpsServer secure;

    Listener(String address, HttpHandler handler, SSLContext tls) {
        this.address = address;
        this.handler = handler;
        this.tls = tls;
    }

    synchronized Listener up() throws IOException {
        InetAddress at = InetAddress.getByName(address);
        plain = HttpServer.create(new InetSocketAddress(at, Destination.PLAIN_PORT), 100);
        plain.createContext("/", handler);
        plain.setExecutor(executor);
        plain.start();
        secure = HttpsServer.create(new InetSocketAddress(at, Destination.TLS_PORT), 100);
        secure.setHttpsConfigurator(new HttpsConfigurator(tls));
        secure.createContext("/", handler);
        secure.setExecutor(executor);
        secure.start();
        return this;
    }

    synchronized void down() {
        plain.stop(0);
        secure.stop(0);
    }
}

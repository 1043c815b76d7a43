package dev.logship.fluentbit;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What a node offers the forwarder, run inside the test's network namespace (its own process,
 * since the test JVM lives outside): a TLS syslog receiver standing in for Papertrail (frames
 * by newline; each message appended to {@code received.txt}), and the ECS agent's
 * introspection API on 127.0.0.1:51678 answering from {@code agent.properties}
 * ({@code SHORTID=family/containerName}). The file {@code receiver-down} closes the receiver
 * (listener and connections) until it is removed; {@code receiver-closed} exists while it is closed.
 */
public final class NodeServices {
    public static final int SYSLOG_PORT = 6514;
    public static final int AGENT_PORT = 51678;
    /** Plain syslog over UDP ({@code syslog://} routes): one datagram a message, appended to {@code received-udp.txt}. */
    public static final int UDP_PORT = 5514;
    /** serve's telemetry ingest as the node reaches it: relayed through the unix socket {@code ingest.sock} (see {@link UnixRelay}). */
    public static final int INGEST_PORT = 4318;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        startAgent(dir);
        startUdp(dir);
        UnixRelay.tcpToUnix(INGEST_PORT, dir.resolve("ingest.sock"));
        SSLContext tls = tls(dir.resolve("receiver.p12"));
        Writer received = Files.newBufferedWriter(dir.resolve("received.txt"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("ready"), "ready");
        List<Socket> open = new CopyOnWriteArrayList<>();
        while (true) {
            while (Files.exists(dir.resolve("receiver-down"))) {
                Thread.sleep(50);
            }
            try (ServerSocket server = tls.getServerSocketFactory().createServerSocket(SYSLOG_PORT, 50,
                    InetAddress.getLoopbackAddress())) {
                server.setSoTimeout(100);
                while (!Files.exists(dir.resolve("receiver-down"))) {
                    try {
                        Socket socket = server.accept();
                        open.add(socket);
                        Thread reader = new Thread(() -> read(socket, received));
                        reader.setDaemon(true);
                        reader.start();
                    } catch (java.net.SocketTimeoutException e) {
                        // look at the control file again
                    }
                }
            }
            for (Socket s : open) {
                s.close();
            }
            open.clear();
            // Tells the test the outage has begun: nothing written from now on can reach the receiver.
            Files.writeString(dir.resolve("receiver-closed"), "");
            while (Files.exists(dir.resolve("receiver-down"))) {
                Thread.sleep(50);
            }
            Files.deleteIfExists(dir.resolve("receiver-closed"));
        }
    }

    /** Each datagram as one line; a newline inside one is written as a backslash and an n, so it shows. */
    private static void startUdp(Path dir) throws IOException {
        java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), UDP_PORT));
        socket.setReceiveBufferSize(4 << 20);
        Writer out = Files.newBufferedWriter(dir.resolve("received-udp.txt"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[65_536];
            while (true) {
                java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    out.write(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8).replace("\n", "\\n"));
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        }, "udp-receiver");
        reader.setDaemon(true);
        reader.start();
    }

    private static void read(Socket socket, Writer received) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (received) {
                    received.write(line);
                    received.write('\n');
                    received.flush();
                }
            }
        } catch (IOException e) {
            // connection closed (receiver taken down, or the forwarder killed)
        }
    }

    private static SSLContext tls(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            ks.load(in, TestCertificate.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestCertificate.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** The two calls Fluent Bit's ecs filter makes, answered as the ECS agent does. */
    private static void startAgent(Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), AGENT_PORT), 50);
        server.createContext("/v1/metadata", exchange -> respond(exchange, 200, """
                {"Cluster":"prod-ecs","ContainerInstanceArn":"arn:aws:ecs:us-east-1:123456789012:container-instance/prod-ecs/0f1e2d3c","Version":"Amazon ECS Agent - v1.80.0"}"""));
        server.createContext("/v1/tasks", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String id = query == null ? "" : query.replaceFirst("^dockerid=", "");
            Map<String, String> known = agentTable(dir);
            String value = known.entrySet().stream().filter(e -> e.getKey().startsWith(id) && !id.isEmpty())
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (value == null) {
                respond(exchange, 404, "{}");
                return;
            }
            String family = value.substring(0, value.indexOf('/'));
            String name = value.substring(value.indexOf('/') + 1);
            respond(exchange, 200, ("{\"Arn\":\"arn:aws:ecs:us-east-1:123456789012:task/prod-ecs/%s\",\"DesiredStatus\":"
                    + "\"RUNNING\",\"KnownStatus\":\"RUNNING\",\"Family\":\"%s\",\"Version\":\"3\",\"Containers\":[{\"DockerId\":"
                    + "\"%s\",\"DockerName\":\"ecs-%s-3-%s\",\"Name\":\"%s\"}]}").formatted(id, family, id, family, name, name));
        });
        server.start();
    }

    private static Map<String, String> agentTable(Path dir) throws IOException {
        var properties = new java.util.Properties();
        try (var in = Files.newBufferedReader(dir.resolve("agent.properties"))) {
            properties.load(in);
        }
        Map<String, String> table = new java.util.HashMap<>();
        properties.forEach((k, v) -> table.put(k.toString(), v.toString()));
        return table;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

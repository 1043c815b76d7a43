package dev.logship.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP log receiver on loopback that reads and counts bytes; closing it makes the port refuse (the outage). */
final class LineReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final AtomicLong bytes = new AtomicLong();

    LineReceiver() throws IOException {
        this(0);
    }

    /** On {@code port} (0: a free one); the same port again brings the receiver back after an outage. */
    LineReceiver(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        Thread accept = new Thread(this::accept, "line-receiver");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread reader = new Thread(() -> drain(socket), "line-receiver-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void drain(Socket socket) {
        byte[] buffer = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // closed with the receiver
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}

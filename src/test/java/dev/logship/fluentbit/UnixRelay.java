package dev.logship.fluentbit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Carries TCP across the node's network namespace through a unix socket in the shared file
 * system: inside, {@link #tcpToUnix} listens on 127.0.0.1:PORT and hands each connection to the
 * socket file; outside, {@link #unixToTcp} takes them from the file to a loopback port (serve).
 * Bytes pass unchanged both ways, so Fluent Bit talks HTTP to the real serve.
 */
final class UnixRelay implements AutoCloseable {
    private final ServerSocketChannel server;

    private UnixRelay(ServerSocketChannel server) {
        this.server = server;
    }

    /** Inside the namespace: connections to 127.0.0.1:{@code port} go to the socket file (tried when each arrives). */
    static void tcpToUnix(int port, Path socketFile) throws IOException {
        ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (true) {
                Socket tcp = listener.accept();
                try {
                    SocketChannel unix = SocketChannel.open(UnixDomainSocketAddress.of(socketFile));
                    pipe(tcp.getInputStream(), Channels.newOutputStream(unix), tcp, unix);
                    pipe(Channels.newInputStream(unix), tcp.getOutputStream(), tcp, unix);
                } catch (IOException e) {
                    tcp.close(); // nobody listens outside yet
                }
            }
        });
    }

    /** Outside: connections arriving at the socket file go to 127.0.0.1:{@code port}. */
    static UnixRelay unixToTcp(Path socketFile, int port) throws IOException {
        Files.deleteIfExists(socketFile);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketFile));
        daemon(() -> {
            while (server.isOpen()) {
                SocketChannel unix = server.accept();
                Socket tcp = new Socket();
                try {
                    tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    pipe(Channels.newInputStream(unix), tcp.getOutputStream(), tcp, unix);
                    pipe(tcp.getInputStream(), Channels.newOutputStream(unix), tcp, unix);
                } catch (IOException e) {
                    unix.close();
                }
            }
        });
        return new UnixRelay(server);
    }

    private interface Loop {
        void run() throws IOException;
    }

    private static void daemon(Loop loop) {
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (IOException e) {
                // closed
            }
        }, "unix-relay");
        t.setDaemon(true);
        t.start();
    }

    private static void pipe(InputStream in, OutputStream out, Socket tcp, SocketChannel unix) {
        daemon(() -> {
            try {
                in.transferTo(out);
            } finally {
                tcp.close();
                unix.close();
            }
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

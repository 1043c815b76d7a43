package dev.logship.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes no HTTP client library would send, and reads the first status line of the answer. */
final class RawHttp {
    record Response(int status, String text) {}

    private RawHttp() {}

    /** The answer, or null when the server closed or stayed silent for 10 s. */
    static Response send(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
                socket.shutdownOutput(); // the server sees the end of the request: a cut-short body stays cut short
            } catch (IOException e) {
                // the server may answer and close before reading everything
            }
            String text = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.ISO_8859_1);
            return text.startsWith("HTTP/1.1 ") ? new Response(Integer.parseInt(text.substring(9, 12)), text) : null;
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            return null;
        }
    }
}

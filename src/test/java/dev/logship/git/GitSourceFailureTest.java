package dev.logship.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.logship.reconcile.SourceUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures against real sockets: a server that refuses credentials, and a port nobody listens on. */
class GitSourceFailureTest {
    private static final String TOKEN = "ghp_SuperSecretToken1234567890";

    @TempDir Path dataDir;

    private static String everything(SourceUnavailableException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    @Test
    void rejectedCredentialsAreAuthFailedAndTheTokenNeverShows() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> sentAuthorization = new AtomicReference<>();
        server.createContext("/", exchange -> {
            if (exchange.getRequestHeaders().getFirst("Authorization") != null) {
                sentAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "https://" + TOKEN + "@127.0.0.1:" + server.getAddress().getPort() + "/acme/manifests.git";
            String httpUrl = url.replace("https://", "http://");
            try (GitSource source = new GitSource(new GitSourceConfig(httpUrl, "main", "", dataDir, null))) {
                SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, source::fetch);

                assertThat(e.reason()).isEqualTo("AuthFailed");
                assertThat(e.getMessage()).contains("127.0.0.1:" + server.getAddress().getPort() + "/acme/manifests.git");
                assertThat(everything(e)).doesNotContain(TOKEN);
                assertThat(source.describe()).doesNotContain(TOKEN).contains("/acme/manifests.git");
                assertThat(sentAuthorization.get()).as("the token from the URL is offered as basic auth").startsWith("Basic ");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void explicitCredentialsAreUsedAndNeverShown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x.git";
            GitSourceConfig config = new GitSourceConfig(url, null, "", dataDir, GitCredentials.basic("bot", TOKEN));
            try (GitSource source = new GitSource(config)) {
                SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, source::fetch);
                assertThat(e.reason()).isEqualTo("AuthFailed");
                assertThat(everything(e)).doesNotContain(TOKEN);
                assertThat(config.toString()).doesNotContain(TOKEN);
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aClosedPortIsRemoteUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        String url = "http://user:" + TOKEN + "@127.0.0.1:" + port + "/x.git";
        try (GitSource source = new GitSource(new GitSourceConfig(url, "main", "", dataDir, null))) {
            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, source::fetch);
            assertThat(e.reason()).isEqualTo("RemoteUnreachable");
            assertThat(e.getMessage()).contains("http://127.0.0.1:" + port + "/x.git");
            assertThat(everything(e)).doesNotContain(TOKEN).doesNotContain("user:");
        }
    }
}

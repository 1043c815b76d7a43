package dev.logship.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches over a network protocol from a real {@code git daemon}: unlike the in-process file
 * transport, it speaks protocol v2, which advertises only the refs asked for.
 */
class GitDaemonTest {
    @TempDir Path tmp;
    private Process daemon;
    private int port;
    private RemoteRepo remote;

    @BeforeEach
    void startDaemon() throws Exception {
        remote = new RemoteRepo(tmp);
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + tmp, tmp.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!accepts(port)) {
            assertThat(daemon.isAlive()).as("git daemon exited, see daemon.log").isTrue();
            assertThat(System.nanoTime()).as("git daemon did not listen within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stopDaemon() throws InterruptedException {
        remote.close();
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void findsTheDefaultBranchAndFetchesIncrementallyOverGitProtocol() throws Exception {
        remote.commit("main", Map.of("a.yaml", "on: main\n"));
        remote.push("main");
        remote.branch("trunk");
        remote.commit("trunk", Map.of("a.yaml", "on: trunk\n"));
        remote.push("trunk");
        remote.setRemoteDefaultBranch("trunk");

        String url = "git://127.0.0.1:" + port + "/remote.git";
        try (GitSource source = new GitSource(new GitSourceConfig(url, null, "", tmp.resolve("data"), null))) {
            FetchOutcome first = source.fetchOutcome();
            assertThat(first.resolvedRef()).isEqualTo("refs/heads/trunk");

            RevCommit next = remote.commit("trunk 2", Map.of("a.yaml", "on: trunk 2\n"));
            remote.push("trunk");
            FetchOutcome second = source.fetchOutcome();
            assertThat(second.commitId()).isEqualTo(next.name());
            assertThat(second.previous()).contains(first.commitId());
            assertThat(second.historyRewritten()).isFalse();
        }
    }
}

package dev.logship.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.logship.reconcile.SourceUnavailableException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches over ssh from a real SSH server with a real key pair and known_hosts file. */
class GitSourceSshTest {
    @TempDir Path tmp;
    private RemoteRepo remote;
    private SshGitServer server;
    private KeyPair clientKey;
    private Path keyFile;
    private Path knownHosts;

    @BeforeEach
    void setUp() throws Exception {
        remote = new RemoteRepo(tmp);
        clientKey = SshGitServer.newKeyPair();
        server = new SshGitServer(tmp, clientKey.getPublic());
        keyFile = writeKey(tmp.resolve("id_ecdsa"), clientKey);
        knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey.getPublic()) + "\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        remote.close();
    }

    private static Path writeKey(Path file, KeyPair key) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "logship-test", null, out);
        }
        return file;
    }

    private GitSource source(String url, GitCredentials credentials) {
        return new GitSource(new GitSourceConfig(url, null, "", tmp.resolve("data"), credentials));
    }

    @Test
    void fetchesOverSshWithAKeyAndFollowsNewCommits() throws Exception {
        RevCommit commit = remote.commit("over ssh", Map.of("a.yaml", "via: ssh\n"));
        remote.push("main");

        String url = "ssh://git@127.0.0.1:" + server.port() + "/remote.git";
        try (GitSource source = source(url, GitCredentials.sshKey(keyFile, knownHosts))) {
            FetchOutcome outcome = source.fetchOutcome();
            assertThat(outcome.commitId()).isEqualTo(commit.name());
            assertThat(outcome.resolvedRef()).isEqualTo("refs/heads/main");
            assertThat(source.describe()).isEqualTo(url);

            RevCommit next = remote.commit("again", Map.of("a.yaml", "via: ssh 2\n"));
            remote.push("main");
            assertThat(source.fetchOutcome().commitId()).isEqualTo(next.name());
        }
    }

    @Test
    void anUnknownHostKeyIsRejected() throws Exception {
        remote.commit("one", Map.of("a.yaml", "a: 1\n"));
        remote.push("main");
        KeyPair otherHost = SshGitServer.newKeyPair();
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(otherHost.getPublic()) + "\n");

        try (GitSource source = source("ssh://git@127.0.0.1:" + server.port() + "/remote.git", GitCredentials.sshKey(keyFile, knownHosts))) {
            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, source::fetch);
            assertThat(e.reason()).isEqualTo("HostKeyRejected");
            assertThat(e.getMessage()).contains("127.0.0.1:" + server.port());
        }
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsAuthFailed() throws Exception {
        remote.commit("one", Map.of("a.yaml", "a: 1\n"));
        remote.push("main");
        Path wrongKey = writeKey(tmp.resolve("id_other"), SshGitServer.newKeyPair());

        try (GitSource source = source("ssh://git@127.0.0.1:" + server.port() + "/remote.git", GitCredentials.sshKey(wrongKey, knownHosts))) {
            SourceUnavailableException e = catchThrowableOfType(SourceUnavailableException.class, source::fetch);
            assertThat(e.reason()).isEqualTo("AuthFailed");
            assertThat(e.getMessage()).startsWith("authentication to ssh://127.0.0.1:" + server.port() + "/remote.git failed: ");
        }
    }

    @Test
    void sshWithoutAKeyIsRefusedAtStartup() {
        assertThatThrownBy(() -> source("git@github.com:acme/manifests.git", GitCredentials.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--ssh-key-file");
    }
}

package dev.logship.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * An ssh client for one source that uses exactly the configured key and known_hosts file: it
 * reads no ~/.ssh/config, no agent and no other identity, and rejects a server whose host key
 * is not listed (never "trust on first use").
 */
final class SshSessions implements AutoCloseable {
    private final SshdSessionFactory factory;

    SshSessions(GitCredentials credentials, Path dataDir) {
        if (!credentials.hasSshKey()) {
            throw new IllegalArgumentException("an ssh remote needs --ssh-key-file and --ssh-known-hosts");
        }
        requireReadable(credentials.sshKeyFile(), "ssh key file");
        requireReadable(credentials.knownHostsFile(), "known_hosts file");
        Path home = dataDir.resolve("ssh-home");
        try {
            Files.createDirectories(home.resolve(".ssh"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + home + ": " + e.getMessage(), e);
        }
        this.factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigStoreFactory((homeDir, configFile, localUser) -> null)
                .setDefaultIdentities(dir -> List.of(credentials.sshKeyFile()))
                .setDefaultKnownHostsFiles(dir -> List.of(credentials.knownHostsFile()))
                .setPreferredAuthentications("publickey")
                .setConnectorFactory(null)
                .build(null);
    }

    void configure(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory);
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist or is not readable");
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}

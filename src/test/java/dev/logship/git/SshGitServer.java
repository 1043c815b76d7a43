package dev.logship.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server (Apache MINA sshd) on a free port of 127.0.0.1 that serves
 * {@code git-upload-pack} for repositories under a base directory, accepting one public key.
 */
final class SshGitServer implements AutoCloseable {
    final KeyPair hostKey;
    private final SshServer server;

    SshGitServer(Path baseDir, PublicKey authorizedKey) throws Exception {
        hostKey = newKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorizedKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new UploadPackCommand(baseDir, command));
        server.start();
    }

    static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static final class UploadPackCommand implements Command {
        private final Path baseDir;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path baseDir, String command) {
            this.baseDir = baseDir;
            this.command = command;
        }

        @Override public void setInputStream(InputStream in) { this.in = in; }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }
        @Override public void destroy(ChannelSession channel) {}

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread worker = new Thread(() -> {
                int status = 0;
                try {
                    if (!command.startsWith("git-upload-pack ")) {
                        throw new IOException("only git-upload-pack is served, not: " + command);
                    }
                    String path = command.substring("git-upload-pack ".length()).replace("'", "").replaceAll("^/+", "");
                    try (Repository repo = new FileRepositoryBuilder().setGitDir(baseDir.resolve(path).toFile()).setMustExist(true).build()) {
                        UploadPack upload = new UploadPack(repo);
                        String protocol = env.getEnv().get("GIT_PROTOCOL");
                        if (protocol != null) {
                            upload.setExtraParameters(java.util.List.of(protocol));
                        }
                        upload.upload(in, out, err);
                    }
                } catch (Exception e) {
                    status = 1;
                    try {
                        err.write((e.getMessage() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        err.flush();
                    } catch (IOException ignored) {
                        // the client went away
                    }
                } finally {
                    try {
                        out.flush();
                    } catch (IOException ignored) {
                        // the client went away
                    }
                    exit.onExit(status);
                }
            }, "ssh-upload-pack");
            worker.start();
        }
    }
}

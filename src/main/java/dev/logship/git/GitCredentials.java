package dev.logship.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to authenticate: nothing, a token or username/password (https), or a private key file and
 * a known_hosts file (ssh). {@link #toString()} never shows the secret, so it can be logged.
 */
public record GitCredentials(String username, String secret, Path sshKeyFile, Path knownHostsFile) {
    /** The username most Git hosts accept with a personal access token (GitHub, Gitea, GitLab). */
    public static final String TOKEN_USERNAME = "x-access-token";

    public GitCredentials {
        if ((username == null) != (secret == null)) {
            throw new IllegalArgumentException("Git credentials need both a username and a secret, or neither");
        }
        if (secret != null && secret.isBlank()) {
            throw new IllegalArgumentException("Git credentials: the token or password is empty");
        }
        if ((sshKeyFile == null) != (knownHostsFile == null)) {
            throw new IllegalArgumentException("ssh needs both a private key file and a known_hosts file"
                    + " (--ssh-key-file and --ssh-known-hosts)");
        }
    }

    public GitCredentials(String username, String secret) {
        this(username, secret, null, null);
    }

    public static GitCredentials none() {
        return new GitCredentials(null, null);
    }

    public static GitCredentials token(String token) {
        return new GitCredentials(TOKEN_USERNAME, Objects.requireNonNull(token, "token").strip());
    }

    public static GitCredentials basic(String username, String password) {
        return new GitCredentials(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
    }

    /** An unencrypted private key (OpenSSH or PEM) and the known_hosts file that must list the server. */
    public static GitCredentials sshKey(Path privateKey, Path knownHosts) {
        return new GitCredentials(null, null, Objects.requireNonNull(privateKey, "privateKey"),
                Objects.requireNonNull(knownHosts, "knownHosts"));
    }

    /** This with the ssh key files added (null keeps it as it is). */
    public GitCredentials withSsh(Path privateKey, Path knownHosts) {
        return privateKey == null && knownHosts == null ? this : new GitCredentials(username, secret, privateKey, knownHosts);
    }

    public boolean hasSshKey() {
        return sshKeyFile != null;
    }

    /**
     * Credentials from CLI options: a token given directly (usually via its env var) or read from
     * a file (first line, trimmed), with an optional username (default {@link #TOKEN_USERNAME}).
     */
    public static GitCredentials fromOptions(String username, String token, Path tokenFile) {
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("give the Git token either directly or as a file, not both");
        }
        String secret = token != null ? token : tokenFile != null ? readFirstLine(tokenFile) : null;
        if (secret == null) {
            return none();
        }
        return username == null || username.isBlank() ? token(secret) : basic(username, secret.strip());
    }

    private static String readFirstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline).strip();
        } catch (IOException e) {
            // The path is not secret; the content is never read into the message.
            throw new UncheckedIOException("cannot read Git token file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    public boolean isPresent() {
        return secret != null;
    }

    @Override
    public String toString() {
        String ssh = hasSshKey() ? "sshKeyFile=" + sshKeyFile + ", knownHostsFile=" + knownHostsFile : "";
        if (!isPresent()) {
            return "GitCredentials[" + (ssh.isEmpty() ? "none" : ssh) + "]";
        }
        return "GitCredentials[username=" + username + ", secret=****" + (ssh.isEmpty() ? "" : ", " + ssh) + "]";
    }
}

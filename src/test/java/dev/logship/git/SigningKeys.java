package dev.logship.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real signing keys made by the real tools, and commits signed by the git CLI with them: gpg
 * (OpenPGP; a key home of its own whose agent is stopped on close) and ssh-keygen (SSH). Keys have
 * no passphrase. {@link #expiredOpenPgp} makes a key valid for one day in 2020 and signs inside
 * that day, through a gpg wrapper with a faked clock, so only the key's expiry is wrong today.
 */
public final class SigningKeys implements AutoCloseable {
    private final Path home;
    private final Path gnupg;

    public SigningKeys(Path dir) throws IOException {
        this.home = dir;
        // gpg's agent socket lives in the home: keep its path short
        this.gnupg = Files.createTempDirectory(Path.of("/tmp"), "gpg");
        Files.writeString(home.resolve("gpg-2020"), "#!/bin/sh\nexec gpg --faked-system-time 20200101T120000 \"$@\"\n");
        home.resolve("gpg-2020").toFile().setExecutable(true);
    }

    /** A new OpenPGP key; returns its fingerprint. {@code validity}: gpg's expiry, e.g. 1y. */
    public String openPgp(String name, String email) throws Exception {
        run(home, "gpg", "--batch", "--passphrase", "", "--quick-gen-key", name + " <" + email + ">", "ed25519", "sign", "1y");
        return fingerprint(email);
    }

    public String expiredOpenPgp(String name, String email) throws Exception {
        run(home, "gpg", "--batch", "--passphrase", "", "--faked-system-time", "20200101T000000", "--quick-gen-key",
                name + " <" + email + ">", "ed25519", "sign", "1d");
        return fingerprint(email);
    }

    /** Revokes the key with the revocation certificate gpg made at creation. */
    public void revoke(String fingerprint) throws Exception {
        Path certificate = gnupg.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
        String text = Files.readString(certificate).replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----");
        Path armed = home.resolve(fingerprint + ".rev");
        Files.writeString(armed, text);
        run(home, "gpg", "--batch", "--import", armed.toString());
    }

    /** The armored public key, as --trusted-keys reads it. */
    public Path exportOpenPgp(String fingerprint, Path to) throws Exception {
        Files.writeString(to, run(home, "gpg", "--armor", "--export", fingerprint));
        return to;
    }

    /** A new SSH key pair; returns the private key's path (the public key is beside it, .pub). */
    public Path ssh(String name) throws Exception {
        Path key = home.resolve(name);
        run(home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
        return key;
    }

    /** An allowed-signers line for {@code email} and the key, for the "git" namespace. */
    public String allowedSigner(String email, Path sshKey) throws IOException {
        String[] pub = Files.readString(Path.of(sshKey + ".pub")).trim().split(" ");
        return email + " namespaces=\"git\" " + pub[0] + " " + pub[1] + "\n";
    }

    /** git, with this key home, in {@code dir}. */
    public String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }

    /** A commit of everything in {@code dir}, signed by the OpenPGP key (null: unsigned). */
    public String commitOpenPgp(Path dir, String fingerprint, String message, boolean faked2020) throws Exception {
        git(dir, "add", "-A");
        if (fingerprint == null) {
            git(dir, "commit", "-q", "--no-gpg-sign", "-m", message);
        } else {
            git(dir, "-c", "gpg.program=" + (faked2020 ? home.resolve("gpg-2020").toString() : "gpg"), "-c",
                    "user.signingkey=" + fingerprint, "commit", "-q", "-S", "-m", message);
        }
        return git(dir, "rev-parse", "HEAD").trim();
    }

    public String commitSsh(Path dir, Path key, String message) throws Exception {
        git(dir, "add", "-A");
        git(dir, "-c", "gpg.format=ssh", "-c", "user.signingkey=" + key + ".pub", "commit", "-q", "-S", "-m", message);
        return git(dir, "rev-parse", "HEAD").trim();
    }

    /** HEAD's commit with its message changed but its signature kept: a tampered commit; HEAD moves to it. */
    public String tamperHead(Path dir) throws Exception {
        String raw = git(dir, "cat-file", "commit", "HEAD");
        Path file = home.resolve("tampered");
        Files.writeString(file, raw.replaceFirst("\n\n", "\n\nTAMPERED "), StandardCharsets.UTF_8);
        String id = git(dir, "hash-object", "-t", "commit", "-w", file.toString()).trim();
        git(dir, "update-ref", "HEAD", id);
        return id;
    }

    private String fingerprint(String email) throws Exception {
        for (String line : run(home, "gpg", "--with-colons", "--list-keys", email).split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new IllegalStateException("no key for " + email);
    }

    private String run(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(Map.of("GNUPGHOME", gnupg.toString()));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(home.resolve("tools.log").toFile()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(home.resolve("tools.log")));
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        // the agent gpg started for this key home is ours to stop
        ProcessBuilder pb = new ProcessBuilder("gpgconf", "--kill", "all");
        pb.environment().put("GNUPGHOME", gnupg.toString());
        pb.redirectErrorStream(true).start().waitFor();
        try (var files = Files.walk(gnupg)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

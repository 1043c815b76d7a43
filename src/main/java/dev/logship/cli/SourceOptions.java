package dev.logship.cli;

import dev.logship.git.GitCredentials;
import dev.logship.git.TrustedSigners;
import dev.logship.reconcile.SignaturePolicy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the manifests come from, and the credentials to read them: the options {@code plan},
 * {@code apply} and {@code serve} share, so each means the same on every command.
 */
final class SourceOptions {
    @Option(names = "--repo", required = true, paramLabel = "URL|PATH",
            description = "Git URL (https, ssh, file://), a local Git repository, or a plain directory of manifests.")
    String repo;

    @Option(names = "--ref", paramLabel = "REF", description = "Branch, tag or commit (default: the remote's default branch; a plain directory is read as it is on disk).")
    String ref;

    @Option(names = "--path", paramLabel = "SUBDIR", description = "Directory of the manifests inside the repository (default: its root).")
    String path;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where a Git repository is mirrored (default: a temporary directory, removed on exit).")
    Path dataDir;

    @Option(names = "--git-token", paramLabel = "TOKEN", description = "Token for https Git remotes (better: LOGSHIP_GIT_TOKEN or --git-token-file).")
    String gitToken;

    @Option(names = "--git-token-file", paramLabel = "FILE", description = "File whose first line is the Git token.")
    Path gitTokenFile;

    @Option(names = "--git-username", paramLabel = "NAME", description = "Username sent with the token (default: x-access-token).")
    String gitUsername;

    @Option(names = "--ssh-key-file", paramLabel = "FILE", description = "Private key for ssh remotes (with --ssh-known-hosts).")
    Path sshKeyFile;

    @Option(names = "--ssh-known-hosts", paramLabel = "FILE", description = "known_hosts file that must list the ssh server.")
    Path sshKnownHosts;

    @Option(names = "--verify-signatures", paramLabel = "MODE", defaultValue = "off", description = "off, warn or enforce:"
            + " whether the commit applied must be signed by a key of --trusted-keys or --allowed-signers (default: ${DEFAULT-VALUE}).")
    String verifySignatures;

    @Option(names = "--trusted-keys", paramLabel = "PATH", description = "Armored OpenPGP public keys (gpg --armor --export):"
            + " a file, or a directory of such files.")
    Path trustedKeys;

    @Option(names = "--allowed-signers", paramLabel = "FILE", description = "SSH signing keys in ssh-keygen's allowed-signers"
            + " format (principal namespaces=\"git\" ssh-ed25519 AAAA...).")
    Path allowedSigners;

    /** The signature policy and the keys it trusts, read now so a bad path fails at start. */
    CommitTrust trust() {
        SignaturePolicy policy = SignaturePolicy.parse(verifySignatures == null ? "off" : verifySignatures);
        if (policy == SignaturePolicy.OFF) {
            return CommitTrust.OFF;
        }
        return new CommitTrust(policy, TrustedSigners.of(trustedKeys, allowedSigners));
    }

    GitCredentials credentials() {
        return GitCredentials.fromOptions(gitUsername, gitToken, gitTokenFile).withSsh(sshKeyFile, sshKnownHosts);
    }
}

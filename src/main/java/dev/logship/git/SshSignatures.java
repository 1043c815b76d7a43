package dev.logship.git;

import dev.logship.reconcile.CommitSignature;
import dev.logship.reconcile.CommitSignature.Status;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Checks an SSH commit signature ({@code git commit -S} with {@code gpg.format ssh}) with JGit's
 * own verifier against an allowed-signers file in ssh-keygen's format ({@code --allowed-signers}):
 * the key must be listed for the "git" namespace, inside its valid-after/valid-before window.
 */
final class SshSignatures {
    private SshSignatures() {}

    static CommitSignature verify(Repository repo, RevCommit commit, Path allowedSigners) {
        if (allowedSigners == null) {
            return CommitSignature.refused(Status.UNTRUSTED, null, null, "an SSH signature, and no --allowed-signers is configured");
        }
        Config config = new Config();
        config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toAbsolutePath().toString());
        SignatureVerifier.SignatureVerification v;
        try {
            v = SignatureVerifiers.verify(repo, new GpgConfig(config), commit);
        } catch (IOException | RuntimeException e) {
            return CommitSignature.refused(Status.BAD, null, null, "the SSH signature cannot be checked: " + e.getMessage());
        }
        if (v == null) {
            return CommitSignature.refused(Status.BAD, null, null, "no SSH signature verifier is available");
        }
        String signer = v.signer() != null ? v.signer() : v.keyUser();
        if (v.expired()) {
            return CommitSignature.refused(Status.EXPIRED, signer, v.keyFingerprint(), message(v, "the key is outside its valid-before/valid-after window"));
        }
        if (!v.verified()) {
            return CommitSignature.refused(Status.BAD, signer, v.keyFingerprint(), message(v, "the signature does not match the commit"));
        }
        if (v.trustLevel() != SignatureVerifier.TrustLevel.FULL && v.trustLevel() != SignatureVerifier.TrustLevel.ULTIMATE) {
            return CommitSignature.refused(Status.UNTRUSTED, signer, v.keyFingerprint(), message(v, "the key is not in --allowed-signers"));
        }
        return CommitSignature.trusted(signer, v.keyFingerprint());
    }

    private static String message(SignatureVerifier.SignatureVerification v, String fallback) {
        return v.message() == null || v.message().isBlank() ? fallback : v.message();
    }
}

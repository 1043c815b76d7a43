package dev.logship.reconcile;

import java.util.Locale;

/**
 * The commit whose desired state is applied, and what its signature says, for status and page:
 * {@code policy} is serve's {@code --verify-signatures} (off, warn, enforce) and {@code signature}
 * the verdict on this commit (null under off: nothing was checked). A newer stalled commit does not
 * replace it: this stays the one ECS is driven to. Holds no secret (signer and key fingerprint only).
 */
public record CommitInForce(String revision, String policy, CommitSignature signature) {
    static CommitInForce of(String revision, SignaturePolicy policy, CommitSignature signature) {
        return new CommitInForce(revision, policy.name().toLowerCase(Locale.ROOT), policy == SignaturePolicy.OFF ? null : signature);
    }

    /** "signed by Alice <a@x> (key ...)", "not signed", or "signatures not verified" under off. */
    public String getText() {
        return signature == null ? "signatures not verified (--verify-signatures off)" : signature.describe();
    }
}

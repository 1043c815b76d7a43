package dev.logship.cli;

import dev.logship.git.GitSource;
import dev.logship.git.TrustedSigners;
import dev.logship.reconcile.CommitSignature;
import dev.logship.reconcile.CommitVerifier;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SignaturePolicy;
import dev.logship.reconcile.SourceUnavailableException;
import dev.logship.model.Revision;
import java.io.PrintWriter;

/**
 * {@code --verify-signatures} with the keys it trusts, as plan, apply and serve use it. Signatures
 * live on Git commits: a plain directory cannot be verified, so warn or enforce on one is refused.
 */
record CommitTrust(SignaturePolicy policy, TrustedSigners signers) {
    static final CommitTrust OFF = new CommitTrust(SignaturePolicy.OFF, null);

    /** The verifier over {@code source}'s commits, or null when verification is off. */
    CommitVerifier verifier(ManifestSource source) {
        if (policy == SignaturePolicy.OFF) {
            return null;
        }
        if (source instanceof GitSource git) {
            return git.verifier(signers);
        }
        throw new IllegalArgumentException("--verify-signatures " + policy.name().toLowerCase(java.util.Locale.ROOT)
                + " needs a Git repository: a plain directory has no commits to verify (give --ref, or --verify-signatures off)");
    }

    /**
     * For plan and apply: under enforce an unsigned or untrusted commit is an error naming the commit
     * and why (exit 1, nothing planned or applied); under warn a line on {@code err}.
     */
    void check(CommitVerifier verifier, Revision revision, PrintWriter err) throws SourceUnavailableException {
        if (verifier == null) {
            return;
        }
        CommitSignature signature = verifier.verify(revision.id());
        if (signature.isTrusted()) {
            return;
        }
        String line = "commit " + revision.shortId() + ": " + signature.describe();
        if (policy == SignaturePolicy.ENFORCE) {
            throw new IllegalStateException(line + "; --verify-signatures enforce: nothing was planned or applied");
        }
        err.println("warning: " + line + " (--verify-signatures warn: used anyway)");
    }
}

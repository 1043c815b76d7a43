package dev.logship.git;

import dev.logship.reconcile.CommitSignature;
import dev.logship.reconcile.CommitSignature.Status;
import dev.logship.reconcile.SourceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Whom this installation trusts to sign commits: OpenPGP keys ({@code --trusted-keys}, a file or
 * directory of armored keys) and SSH keys ({@code --allowed-signers}). Both are read once, at
 * start, so a bad path fails the command instead of stalling every later commit.
 */
public final class TrustedSigners {
    private final OpenPgpKeys openPgp;
    private final Path allowedSigners;
    private final Clock clock;

    private TrustedSigners(OpenPgpKeys openPgp, Path allowedSigners, Clock clock) {
        this.openPgp = openPgp;
        this.allowedSigners = allowedSigners;
        this.clock = clock;
    }

    /** Either path may be null; at least one must be given. */
    public static TrustedSigners of(Path trustedKeys, Path allowedSigners) {
        if (trustedKeys == null && allowedSigners == null) {
            throw new IllegalArgumentException("--verify-signatures needs --trusted-keys PATH (OpenPGP) or --allowed-signers PATH (SSH)");
        }
        if (allowedSigners != null && !Files.isReadable(allowedSigners)) {
            throw new IllegalArgumentException("--allowed-signers " + allowedSigners + ": no such readable file");
        }
        return new TrustedSigners(trustedKeys == null ? OpenPgpKeys.none() : OpenPgpKeys.read(trustedKeys), allowedSigners,
                Clock.systemUTC());
    }

    /** The verdict on one commit of {@code repo}. */
    public CommitSignature verify(Repository repo, String revisionId) throws SourceUnavailableException {
        try (RevWalk walk = new RevWalk(repo)) {
            return verify(repo, walk.parseCommit(ObjectId.fromString(revisionId)));
        } catch (IOException | IllegalArgumentException e) {
            throw new SourceUnavailableException("SignatureUnreadable", "cannot read commit " + revisionId + " to check its signature");
        }
    }

    CommitSignature verify(Repository repo, RevCommit commit) {
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            return CommitSignature.refused(Status.UNSIGNED, null, null, "the commit is not signed");
        }
        String text = new String(signature, StandardCharsets.US_ASCII);
        if (text.startsWith("-----BEGIN SSH SIGNATURE-----")) {
            return SshSignatures.verify(repo, commit, allowedSigners);
        }
        return OpenPgpSignatures.verify(SignedPayload.of(commit.getRawBuffer()), signature, openPgp, clock.instant());
    }
}

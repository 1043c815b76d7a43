package dev.logship.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.reconcile.CommitSignature;
import dev.logship.reconcile.CommitSignature.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who signed a commit, checked against the trusted keys with real keys from gpg and ssh-keygen
 * and real commits from {@code git commit -S}: trusted, unsigned, someone else's key, a commit
 * changed after signing, an expired key and a revoked key. One key home for the class: gpg's key
 * generation is the slow part.
 */
class CommitSignaturesTest {
    @TempDir
    static Path tmp;
    static SigningKeys keys;
    static Path repo;
    static String alice;
    static String mallory;
    static String old;
    static String revoked;
    static String revokedCommit;
    static Path aliceSsh;
    static Path trusted;
    static Path allowed;

    @BeforeAll
    static void keysAndRepository() throws Exception {
        keys = new SigningKeys(tmp);
        alice = keys.openPgp("Alice", "alice@example.com");
        mallory = keys.openPgp("Mallory", "mallory@example.com");
        old = keys.expiredOpenPgp("Old", "old@example.com");
        revoked = keys.openPgp("Rev", "rev@example.com");
        aliceSsh = keys.ssh("alice-ssh");
        trusted = Files.createDirectories(tmp.resolve("trusted"));
        keys.exportOpenPgp(alice, trusted.resolve("alice.asc"));
        keys.exportOpenPgp(old, trusted.resolve("old.asc"));
        allowed = tmp.resolve("allowed_signers");
        Files.writeString(allowed, keys.allowedSigner("alice@example.com", aliceSsh));
        repo = Files.createDirectories(tmp.resolve("repo"));
        keys.git(repo, "init", "-q", "-b", "main");
        // signed while the key was good; the revocation comes later (gpg refuses to sign with a revoked key)
        change("r");
        revokedCommit = keys.commitOpenPgp(repo, revoked, "before the revocation", false);
        keys.revoke(revoked);
        keys.exportOpenPgp(revoked, trusted.resolve("rev.asc"));
    }

    @AfterAll
    static void stopAgent() throws Exception {
        keys.close();
    }

    private static CommitSignature verify(String commit) throws Exception {
        try (Repository r = new FileRepositoryBuilder().findGitDir(repo.toFile()).build()) {
            return TrustedSigners.of(trusted, allowed).verify(r, commit);
        }
    }

    private static String change(String file) throws Exception {
        Files.writeString(repo.resolve(file), file + System.nanoTime());
        return file;
    }

    @Test
    void aCommitSignedByATrustedOpenPgpKeyIsTrustedAndNamesItsSigner() throws Exception {
        change("a");
        CommitSignature s = verify(keys.commitOpenPgp(repo, alice, "good", false));
        assertThat(s.status()).as(s.describe()).isEqualTo(Status.TRUSTED);
        assertThat(s.describe()).isEqualTo("signed by Alice <alice@example.com> (key " + alice + ")");
    }

    @Test
    void aCommitSignedByAnAllowedSshKeyIsTrusted() throws Exception {
        change("b");
        CommitSignature s = verify(keys.commitSsh(repo, aliceSsh, "ssh"));
        assertThat(s.status()).as(s.describe()).isEqualTo(Status.TRUSTED);
        assertThat(s.signer()).isEqualTo("alice@example.com");
    }

    @Test
    void anUnsignedCommitIsUnsigned() throws Exception {
        change("c");
        assertThat(verify(keys.commitOpenPgp(repo, null, "plain", false)).status()).isEqualTo(Status.UNSIGNED);
    }

    @Test
    void aKeyNotAmongTheTrustedOnesIsUntrustedAndNamed() throws Exception {
        change("d");
        CommitSignature s = verify(keys.commitOpenPgp(repo, mallory, "who?", false));
        assertThat(s.status()).isEqualTo(Status.UNTRUSTED);
        assertThat(s.describe()).contains(mallory.substring(24)).contains("not among --trusted-keys");
    }

    @Test
    void aSshKeyNotInTheAllowedSignersIsNotTrusted() throws Exception {
        Path other = keys.ssh("other-ssh");
        change("e");
        assertThat(verify(keys.commitSsh(repo, other, "other")).isTrusted()).isFalse();
    }

    @Test
    void aCommitChangedAfterSigningIsBad() throws Exception {
        change("f");
        keys.commitOpenPgp(repo, alice, "signed", false);
        CommitSignature s = verify(keys.tamperHead(repo));
        assertThat(s.status()).isEqualTo(Status.BAD);
        assertThat(s.describe()).contains("does not match the commit");
    }

    @Test
    void aSignatureByAnExpiredKeyIsRefusedWithTheExpiry() throws Exception {
        change("g");
        CommitSignature s = verify(keys.commitOpenPgp(repo, old, "old key", true));
        assertThat(s.status()).as(s.describe()).isEqualTo(Status.EXPIRED);
        assertThat(s.describe()).contains("expired at 2020-01-02");
    }

    @Test
    void aSignatureByARevokedKeyIsRefused() throws Exception {
        CommitSignature s = verify(revokedCommit);
        assertThat(s.status()).as(s.describe()).isEqualTo(Status.REVOKED);
        assertThat(s.describe()).contains("Rev <rev@example.com>").contains("revoked");
    }
}

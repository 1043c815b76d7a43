package dev.logship.git;

import dev.logship.reconcile.CommitSignature;
import dev.logship.reconcile.CommitSignature.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks an OpenPGP commit signature (what {@code git commit -S} makes with gpg) against the
 * trusted keys: the signature must verify over the commit, with a key that is in the trusted set,
 * not revoked and not expired now (neither the signing key nor its primary key). Bouncy Castle's
 * lightweight API does the cryptography; no JCA provider is registered.
 */
final class OpenPgpSignatures {
    private OpenPgpSignatures() {}

    static CommitSignature verify(byte[] payload, byte[] armoredSignature, OpenPgpKeys keys, Instant now) {
        PGPSignature signature;
        try {
            signature = read(armoredSignature);
        } catch (IOException | PGPException | RuntimeException e) {
            return CommitSignature.refused(Status.BAD, null, null, "the OpenPGP signature cannot be read");
        }
        String keyId = String.format("%016X", signature.getKeyID());
        Optional<PGPPublicKeyRing> ring = keys.ringOf(signature.getKeyID());
        if (ring.isEmpty()) {
            return CommitSignature.refused(Status.UNTRUSTED, null, keyId, "the key is not among --trusted-keys");
        }
        PGPPublicKey key = ring.get().getPublicKey(signature.getKeyID());
        PGPPublicKey primary = ring.get().getPublicKey();
        String signer = OpenPgpKeys.userId(ring.get());
        String fingerprint = OpenPgpKeys.fingerprint(key);
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(payload);
            if (!signature.verify()) {
                return CommitSignature.refused(Status.BAD, signer, fingerprint, "the signature does not match the commit (changed after signing)");
            }
        } catch (PGPException | RuntimeException e) {
            return CommitSignature.refused(Status.BAD, signer, fingerprint, "the signature cannot be checked: " + e.getClass().getSimpleName());
        }
        if (primary.hasRevocation() || (key != primary && key.hasRevocation())) {
            return CommitSignature.refused(Status.REVOKED, signer, fingerprint, "the key was revoked");
        }
        for (PGPPublicKey k : key == primary ? new PGPPublicKey[] {primary} : new PGPPublicKey[] {primary, key}) {
            Optional<Instant> expiry = OpenPgpKeys.expiry(k);
            if (expiry.isPresent() && !expiry.get().isAfter(now)) {
                return CommitSignature.refused(Status.EXPIRED, signer, fingerprint, "the key expired at " + expiry.get());
            }
        }
        return CommitSignature.trusted(signer, fingerprint);
    }

    private static PGPSignature read(byte[] armored) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            if (object instanceof PGPCompressedData compressed) {
                object = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            if (object instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
            throw new PGPException("no signature packet");
        }
    }
}

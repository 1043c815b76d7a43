package dev.logship.reconcile;

import java.util.Objects;

/**
 * What a commit's signature says about who wrote it: {@code signer} (the key's user id or the
 * allowed signer's principal) and {@code key} (fingerprint) when known, and for anything but
 * {@link Status#TRUSTED} a {@code reason} a person can act on. Never holds a secret.
 */
public record CommitSignature(Status status, String signer, String key, String reason) {
    public enum Status {
        /** Signed by a key in --trusted-keys or --allowed-signers, valid now and not revoked. */
        TRUSTED,
        /** No signature at all. */
        UNSIGNED,
        /** A signature by a key none of the trusted keys or allowed signers is. */
        UNTRUSTED,
        /** The signature does not match the commit (it was changed after signing) or cannot be read. */
        BAD,
        /** A trusted key, but expired. */
        EXPIRED,
        /** A trusted key, but revoked. */
        REVOKED
    }

    public CommitSignature {
        Objects.requireNonNull(status, "status");
    }

    public static CommitSignature trusted(String signer, String key) {
        return new CommitSignature(Status.TRUSTED, signer, key, null);
    }

    public static CommitSignature refused(Status status, String signer, String key, String reason) {
        return new CommitSignature(status, signer, key, reason);
    }

    public boolean isTrusted() {
        return status == Status.TRUSTED;
    }

    /** One line for status, events and errors: "signed by Alice <a@x> (key ABCD...)" or why not trusted. */
    public String describe() {
        String who = signer == null ? "" : " by " + signer;
        String which = key == null ? "" : " (key " + key + ")";
        return switch (status) {
            case TRUSTED -> "signed" + who + which;
            case UNSIGNED -> "not signed";
            default -> status.name().toLowerCase(java.util.Locale.ROOT) + " signature" + who + which
                    + (reason == null ? "" : ": " + reason);
        };
    }
}

package dev.logship.reconcile;

/**
 * Checks who signed a commit against the keys this installation trusts. Owned here, by its
 * consumer; implemented by the {@code git} package over the commit's raw object.
 */
public interface CommitVerifier {
    /** The verdict on {@code revisionId}; {@link SourceUnavailableException} when the commit cannot be read. */
    CommitSignature verify(String revisionId) throws SourceUnavailableException;
}

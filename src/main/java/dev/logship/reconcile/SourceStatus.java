package dev.logship.reconcile;

import java.time.Instant;

/**
 * The manifest source as last seen: where it is (credentials already stripped), the revision
 * in force, when it was fetched, and the current fetch or validation problem if any.
 * {@code signature}: who signed the revision in force ("signed by Alice <a@x> (key ...)"), when
 * serve verifies signatures; null otherwise. {@code commitInForce}: the commit applied and its
 * signer's verdict, which stays when a newer commit stalls ({@code revision} then names the stalled one).
 */
public record SourceStatus(String repo, String ref, String path, String revision, String revisionMessage,
                           Instant fetchedAt, String error, String signature, CommitInForce commitInForce) {
    public SourceStatus(String repo, String ref, String path, String revision, String revisionMessage, Instant fetchedAt,
                        String error) {
        this(repo, ref, path, revision, revisionMessage, fetchedAt, error, null, null);
    }

    /** The same source with another revision, message, fetch time or error; what is in force stays. */
    public SourceStatus with(String newRevision, String newMessage, Instant newFetchedAt, String newError) {
        return new SourceStatus(repo, ref, path, newRevision, newMessage, newFetchedAt, newError, signature, commitInForce);
    }

    public static SourceStatus notFetched(String repo, String ref, String path) {
        return new SourceStatus(repo, ref, path, null, null, null, null);
    }
}

package dev.logship.reconcile;

/**
 * A commit that cannot be applied: nothing of it is applied until a newer commit arrives.
 * {@code reason} is ValidationFailed (the manifests have problems) or InternalError (logship
 * failed on them: a bug, logged with its stack trace) or UntrustedCommit (not signed by a trusted key).
 */
record Stall(String revision, String reason, String message) {
    static final String VALIDATION_FAILED = "ValidationFailed";
    static final String INTERNAL_ERROR = "InternalError";
    /** --verify-signatures enforce, and the commit is unsigned or not signed by a trusted key. */
    static final String UNTRUSTED_COMMIT = "UntrustedCommit";
}

package dev.logship.reconcile;

/**
 * Whether a fetched commit may become the desired state, by its signature: {@code verifier} null
 * (policy off) lets every commit through.
 */
record CommitGate(SignaturePolicy policy, CommitVerifier verifier) {
    static final CommitGate OPEN = new CommitGate(SignaturePolicy.OFF, null);

    boolean verifies() {
        return verifier != null && policy != SignaturePolicy.OFF;
    }
}

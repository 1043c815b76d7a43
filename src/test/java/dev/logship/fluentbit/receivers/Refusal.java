package dev.logship.fluentbit.receivers;

/** A request the destination would refuse: the status and body it answers, and why (for rejected.jsonl). */
final class Refusal extends Exception {
    final int status;
    final String contentType;
    final String body;
    final boolean protocolError;

    Refusal(int status, String contentType, String body, String reason, boolean protocolError) {
        super(reason);
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.protocolError = protocolError;
    }

    /** The client broke the protocol: a test fails on any of these. */
    static Refusal of(int status, String reason) {
        return new Refusal(status, "text/plain", reason, reason, true);
    }

    /** An answer the protocol defines for a valid request, e.g. CloudWatch's ResourceNotFoundException before the group exists. */
    static Refusal expected(int status, String contentType, String body, String reason) {
        return new Refusal(status, contentType, body, reason, false);
    }
}

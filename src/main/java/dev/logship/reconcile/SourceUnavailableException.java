package dev.logship.reconcile;

/** The manifest source could not produce a snapshot; the message is safe to show (no credentials). */
public class SourceUnavailableException extends Exception {
    private final String reason;

    public SourceUnavailableException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SourceUnavailableException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A short machine-readable reason, e.g. {@code RemoteUnreachable}, {@code RefNotFound}, {@code HistoryRewritten}. */
    public String reason() {
        return reason;
    }
}

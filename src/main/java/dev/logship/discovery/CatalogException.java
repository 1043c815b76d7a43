package dev.logship.discovery;

/** A catalog could not list one account and region: {@code reason} is AccessDenied, Throttled or Unavailable. */
public final class CatalogException extends Exception {
    private final String reason;

    public CatalogException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

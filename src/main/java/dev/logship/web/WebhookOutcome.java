package dev.logship.web;

import java.util.Locale;

/**
 * What a webhook request led to, as data: the HTTP status and a message safe to return and log
 * (never the secret, never credentials from the payload). Only {@link Kind#TRIGGERED} acts;
 * {@code commit} is the commit a triggering push names (null when it names none).
 */
public record WebhookOutcome(Kind kind, int status, String message, String commit) {
    public enum Kind {
        TRIGGERED, IGNORED, PONG, UNAUTHORIZED, MALFORMED, TOO_LARGE, BUSY;

        /** The metric label value, e.g. {@code too_large}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WebhookOutcome(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public static WebhookOutcome triggered(String what) {
        return triggered(what, null);
    }

    /** @param commit the commit the push names (from the authenticated payload), or null */
    public static WebhookOutcome triggered(String what, String commit) {
        return new WebhookOutcome(Kind.TRIGGERED, 202, "triggered: " + what, commit);
    }

    public static WebhookOutcome ignored(String why) {
        return new WebhookOutcome(Kind.IGNORED, 202, "ignored: " + why);
    }

    public static WebhookOutcome pong() {
        return new WebhookOutcome(Kind.PONG, 200, "pong");
    }

    public static WebhookOutcome unauthorized(String why) {
        return new WebhookOutcome(Kind.UNAUTHORIZED, 401, why);
    }

    public static WebhookOutcome malformed(String why) {
        return new WebhookOutcome(Kind.MALFORMED, 400, why);
    }

    public static WebhookOutcome tooLarge(long limitBytes) {
        return new WebhookOutcome(Kind.TOO_LARGE, 413, "body larger than the limit of " + limitBytes + " bytes");
    }

    /** More unauthenticated bodies are being read than the limit allows: try again shortly. */
    public static WebhookOutcome busy(long budgetBytes) {
        return new WebhookOutcome(Kind.BUSY, 503, "busy: unauthenticated webhook bodies already fill the " + budgetBytes
                + " bytes read at once; retry shortly");
    }

    public boolean shouldTrigger() {
        return kind == Kind.TRIGGERED;
    }
}

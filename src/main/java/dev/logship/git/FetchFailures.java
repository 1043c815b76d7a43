package dev.logship.git;

import dev.logship.reconcile.SourceUnavailableException;
import java.util.Locale;

/**
 * Turns JGit's failures into a {@link SourceUnavailableException} with a reason the status can
 * show. Messages are redacted (no URL userinfo, never the secret) and the JGit exception is not
 * attached as cause, because its message quotes the remote as given.
 */
final class FetchFailures {
    static final String REMOTE_UNREACHABLE = "RemoteUnreachable";
    static final String AUTH_FAILED = "AuthFailed";
    static final String REF_NOT_FOUND = "RefNotFound";
    static final String MIRROR_FAILED = "MirrorFailed";

    private FetchFailures() {}

    static SourceUnavailableException classify(Throwable failure, String safeUrl, GitCredentials credentials) {
        String detail = describeChain(failure);
        String lower = detail.toLowerCase(Locale.ROOT);
        String reason = lower.contains("not authorized") || lower.contains("authentication")
                || lower.contains("401") || lower.contains("403") || lower.contains("auth fail")
                ? AUTH_FAILED : REMOTE_UNREACHABLE;
        String message = (reason.equals(AUTH_FAILED) ? "authentication to " : "cannot reach ")
                + safeUrl + ": " + detail;
        return new SourceUnavailableException(reason, scrub(message, credentials));
    }

    static SourceUnavailableException refNotFound(String message) {
        return new SourceUnavailableException(REF_NOT_FOUND, message);
    }

    static SourceUnavailableException mirrorFailed(Throwable failure, GitCredentials credentials) {
        return new SourceUnavailableException(MIRROR_FAILED,
                scrub("local mirror failed: " + describeChain(failure), credentials));
    }

    /** The distinct messages of the cause chain, so "connection refused" under "cannot open" shows. */
    private static String describeChain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(m) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(m);
            }
        }
        return text.toString();
    }

    static String scrub(String text, GitCredentials credentials) {
        String safe = RemoteUrl.redact(text);
        if (credentials.isPresent()) {
            safe = safe.replace(credentials.secret(), "****");
        }
        return safe;
    }
}

package dev.logship.git;

import dev.logship.reconcile.SourceUnavailableException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

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
    static final String HOST_KEY_REJECTED = "HostKeyRejected";

    private static final Pattern AUTH_WORDS = Pattern.compile(
            "not authorized|authentication|cannot log in|auth fail|\\b401\\b|\\b403\\b");

    private FetchFailures() {}

    private static boolean causes(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static SourceUnavailableException classify(Throwable failure, String safeUrl, GitCredentials credentials) {
        String detail = describeChain(failure);
        // Classify on the words of the message, not on the URL or paths it quotes (a temp dir
        // named junit4031 once read as HTTP 403).
        String lower = RemoteUrl.redact(detail).replace(RemoteUrl.redact(safeUrl), "").toLowerCase(Locale.ROOT);
        boolean missingRepository = causes(failure, NoRemoteRepositoryException.class);
        String reason;
        String prefix;
        if (missingRepository) {
            reason = REMOTE_UNREACHABLE;
            prefix = "cannot reach " + safeUrl + ": ";
        } else if (lower.contains("server key did not validate") || lower.contains("host key")) {
            reason = HOST_KEY_REJECTED;
            prefix = "host key of " + safeUrl + " is not in the known_hosts file: ";
        } else if (AUTH_WORDS.matcher(lower).find()) {
            reason = AUTH_FAILED;
            prefix = "authentication to " + safeUrl + " failed: ";
        } else {
            reason = REMOTE_UNREACHABLE;
            prefix = "cannot reach " + safeUrl + ": ";
        }
        // JGit starts its messages with the URL, which the prefix already names.
        String shown = scrub(detail, credentials).replace(RemoteUrl.redact(safeUrl) + ": ", "");
        return new SourceUnavailableException(reason, scrub(prefix, credentials) + shown);
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

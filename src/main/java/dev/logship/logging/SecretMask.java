package dev.logship.logging;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * The last guard before a log line leaves the process, the same for text and JSON. Messages are
 * written with secrets already masked where they are built (routes, remote URLs, SDK and Git
 * errors); this catches what a library or a future call site might still let through: the
 * secrets serve was given (webhook secret, API, read and ingest tokens, the Git token) wherever
 * they appear, and the user-info part of any URL ({@code https://user:token@host}).
 */
public final class SecretMask {
    public static final String MASK = "****";
    /** Shorter values would mask ordinary words; serve's secrets are far longer in practice. */
    private static final int SHORTEST = 6;
    private static final Pattern USERINFO = Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.-]*://)[^/\\s@\"'<>]+@");
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    private SecretMask() {}

    /** Masks these values (nulls and very short ones ignored) in every later log line of this process. */
    public static void register(String... secrets) {
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= SHORTEST) {
                SECRETS.add(secret.strip());
            }
        }
    }

    /** The text with every registered secret and every URL's user info replaced by {@value #MASK}. */
    public static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : SECRETS) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        if (masked.indexOf('@') >= 0 && masked.contains("://")) {
            masked = USERINFO.matcher(masked).replaceAll("$1" + MASK + "@");
        }
        return masked;
    }
}

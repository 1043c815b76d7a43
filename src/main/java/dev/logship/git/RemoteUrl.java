package dev.logship.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote as given to {@code --repo}, split into a URL safe to show and any credentials that
 * were written into it ({@code https://user:token@host/repo.git}). Local paths become
 * {@code file://} URLs so JGit opens them in-process.
 */
record RemoteUrl(String safeUrl, GitCredentials embedded) {
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@]*)@");
    private static final Pattern ANY_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");

    static RemoteUrl parse(String repo) {
        String trimmed = repo.strip();
        if (isSsh(trimmed)) {
            // The user in ssh://git@host or git@host:path is a login name, not a secret: keep it.
            if (trimmed.matches("^[a-z+]+://[^/@]*:[^/@]*@.*")) {
                throw new IllegalArgumentException("ssh URLs take a key file, not a password: " + redact(trimmed));
            }
            return new RemoteUrl(trimmed, GitCredentials.none());
        }
        if (!trimmed.contains("://")) {
            return new RemoteUrl(Path.of(trimmed).toAbsolutePath().normalize().toUri().toString(), GitCredentials.none());
        }
        Matcher m = USERINFO.matcher(trimmed);
        if (!m.find()) {
            return new RemoteUrl(trimmed, GitCredentials.none());
        }
        String safe = m.group(1) + trimmed.substring(m.end());
        String userInfo = decode(m.group(2));
        int colon = userInfo.indexOf(':');
        GitCredentials creds = colon < 0
                ? GitCredentials.token(userInfo)            // https://TOKEN@host/...
                : GitCredentials.basic(userInfo.substring(0, colon), userInfo.substring(colon + 1));
        return new RemoteUrl(safe, creds);
    }

    boolean isSsh() {
        return isSsh(safeUrl);
    }

    static boolean isSsh(String repo) {
        return repo.startsWith("ssh://") || repo.startsWith("git+ssh://")
                || (!repo.contains("://") && repo.matches("^[\\w.-]+@[\\w.-]+:.*") && !Files.exists(Path.of(repo)));
    }

    /** Removes userinfo from every URL in a text (JGit messages quote the remote). */
    static String redact(String text) {
        return text == null ? "" : ANY_USERINFO.matcher(text).replaceAll("$1");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}

package dev.logship.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces the many spellings of one repository to a comparable key: https and ssh URLs, scp-like
 * {@code git@host:owner/repo.git}, with or without {@code .git}, credentials and port dropped,
 * compared case-insensitively (GitHub, GitLab and Bitbucket treat owner/repo that way; a false
 * match only costs one extra reconcile).
 */
final class RepoUrls {
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/@]*@)?([^/:]*)(?::\\d*)?(/.*)?$");
    private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!//)(.*)$");
    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");

    private RepoUrls() {}

    static String key(String url) {
        String s = url.strip();
        String host;
        String path;
        Matcher m = URL.matcher(s);
        Matcher scp = SCP.matcher(s);
        if (m.matches()) {
            host = m.group(1);
            path = m.group(2) == null ? "" : m.group(2);
        } else if (scp.matches() && !s.startsWith("/")) {
            host = scp.group(1);
            path = scp.group(2);
        } else {
            host = "";
            path = s;
        }
        path = path.replaceAll("/+$", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        path = path.replaceAll("^/+|/+$", "");
        return (host + "/" + path).toLowerCase(Locale.ROOT);
    }

    static boolean sameRepository(String a, String b) {
        return key(a).equals(key(b));
    }

    /** Drops userinfo from a URL so it can be shown. */
    static String redact(String url) {
        return url == null ? "" : USERINFO.matcher(url).replaceAll("$1");
    }
}

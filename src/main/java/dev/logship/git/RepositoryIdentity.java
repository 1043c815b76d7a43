package dev.logship.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One name per repository, whatever form {@code --repo} takes: {@code https://github.com/acme/x.git},
 * {@code https://user:token@github.com/acme/x}, {@code ssh://git@github.com:22/acme/x.git} and
 * {@code git@github.com:acme/x.git} are all {@code github.com/acme/x}. Credentials, users, ports,
 * the scheme and a trailing {@code .git} are dropped (so no secret ever reaches the name); a
 * local checkout is named by its {@code origin} remote (apply from a checkout acts as the serve
 * that follows the same remote), other local repositories and directories by their real path.
 */
public final class RepositoryIdentity {
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/@]*@)?([^/:]*)(?::\\d*)?(/.*)?$");
    private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(.*)$");

    private RepositoryIdentity() {}

    /** The normalised name of {@code repo}. */
    public static String of(String repo) {
        return of(repo, 0);
    }

    /** {@code hops}: origins followed so far (a checkout of a checkout...), bounded against cycles. */
    private static String of(String repo, int hops) {
        String trimmed = repo.strip();
        if (!trimmed.contains("://") && !RemoteUrl.isSsh(trimmed)) {
            Path dir = Path.of(trimmed);
            String origin = hops < 5 && Files.isDirectory(dir) ? originOf(dir) : null;
            return origin != null ? of(origin, hops + 1) : "file:/" + tidy(realPath(dir));
        }
        if (trimmed.regionMatches(true, 0, "file:", 0, 5)) {
            return of(Path.of(java.net.URI.create(trimmed)).toString(), hops);
        }
        Matcher url = URL.matcher(trimmed);
        if (url.matches()) {
            return url.group(1).toLowerCase(Locale.ROOT) + "/" + tidy(url.group(2) == null ? "" : url.group(2));
        }
        Matcher scp = SCP.matcher(trimmed);
        if (scp.matches()) {
            return scp.group(1).toLowerCase(Locale.ROOT) + "/" + tidy(scp.group(2));
        }
        return tidy(trimmed);
    }

    /** Slashes collapsed and trimmed, a trailing {@code .git} (or {@code /.git} of a working tree) dropped. */
    static String tidy(String path) {
        String out = path.replace('\\', '/').replaceAll("/{2,}", "/").replaceAll("^/+|/+$", "");
        if (out.endsWith("/.git")) {
            out = out.substring(0, out.length() - 5);
        } else if (out.endsWith(".git")) {
            out = out.substring(0, out.length() - 4);
        }
        return out.replaceAll("/+$", "");
    }

    private static String realPath(Path dir) {
        try {
            return dir.toRealPath().toString();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize().toString();
        }
    }

    /** The {@code origin} remote of a local Git repository (working tree or bare), if it has one. */
    private static String originOf(Path dir) {
        if (!SourceFactory.isGit(dir.toString())) {
            return null;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (Files.isDirectory(dir.resolve(".git")) || Files.isRegularFile(dir.resolve(".git"))) {
            builder.setWorkTree(dir.toFile());
        } else {
            builder.setGitDir(dir.toFile());
        }
        try (Repository repository = builder.build()) {
            String url = repository.getConfig().getString("remote", "origin", "url");
            if (url == null || url.isBlank()) {
                return null;
            }
            url = url.strip();
            // a relative origin (git clone ../repo.git) is relative to the repository, not to us
            return url.contains("://") || RemoteUrl.isSsh(url) || Path.of(url).isAbsolute() ? url : dir.resolve(url).toString();
        } catch (IOException | IllegalArgumentException e) {
            return null; // an unreadable repository is named by its path
        }
    }
}

package dev.logship.notify;

import dev.logship.model.NotifierSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a notifier's URL at delivery time from where {@code urlFrom} points (an environment
 * variable or a file; never Git), so a rotated URL takes effect without a restart. Only variables
 * named {@value NotifyRules#ENV_PREFIX}* and files under the configured directory (at most
 * {@value NotifyRules#MAX_FILE_BYTES} bytes: never /dev/zero into memory) are read: a manifest
 * may not read serve's other secrets. Messages name the variable or file, never the value: a
 * webhook URL is a secret.
 */
final class NotifierUrls {
    private final Map<String, String> env;
    private final Path fileDir;

    NotifierUrls(Map<String, String> env, NotifyRules rules) {
        this.env = Map.copyOf(env);
        this.fileDir = rules.urlFileDir();
    }

    URI resolve(NotifierSpec spec) throws UnusableUrl {
        NotifierSpec.UrlFrom from = spec.urlFrom();
        String value = from.env() != null ? fromEnv(from.env()) : fromFile(from.file());
        try {
            URI uri = URI.create(value.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            // URI's own message quotes the value: say only where it came from
            throw new UnusableUrl("the URL from " + from + " is not an http(s) URL");
        }
    }

    private String fromEnv(String name) throws UnusableUrl {
        if (!name.startsWith(NotifyRules.ENV_PREFIX)) {
            throw new UnusableUrl("refused: urlFrom.env " + name + " is not named " + NotifyRules.ENV_PREFIX + "*");
        }
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new UnusableUrl("environment variable " + name + " is not set");
        }
        return value;
    }

    private String fromFile(String file) throws UnusableUrl {
        if (fileDir == null) {
            throw new UnusableUrl("refused: urlFrom.file " + file + " needs serve's --notify-url-dir");
        }
        try {
            Path dir = fileDir.toRealPath();
            Path real = dir.resolve(file).toRealPath(); // symbolic links followed before the check
            if (!real.startsWith(dir) || !Files.isRegularFile(real)) {
                throw new UnusableUrl("refused: urlFrom.file " + file + " is not a file under --notify-url-dir");
            }
            try (InputStream in = Files.newInputStream(real)) {
                byte[] bytes = in.readNBytes(NotifyRules.MAX_FILE_BYTES + 1);
                if (bytes.length > NotifyRules.MAX_FILE_BYTES) {
                    throw new UnusableUrl("refused: urlFrom.file " + file + " holds more than " + NotifyRules.MAX_FILE_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UnusableUrl("cannot read file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Why a URL cannot be used; the message never contains the URL. */
    static final class UnusableUrl extends Exception {
        UnusableUrl(String message) {
            super(message, null, false, false);
        }
    }
}

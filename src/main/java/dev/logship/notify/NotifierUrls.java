package dev.logship.notify;

import dev.logship.model.NotifierSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a notifier's URL at delivery time from where {@code urlFrom} points (an environment
 * variable or a file; never Git), so a rotated URL takes effect without a restart. Messages
 * name the variable or file, never the value: a webhook URL is a secret.
 */
final class NotifierUrls {
    private final Map<String, String> env;

    NotifierUrls(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    URI resolve(NotifierSpec spec) throws UnusableUrl {
        NotifierSpec.UrlFrom from = spec.urlFrom();
        String value;
        if (from.env() != null) {
            value = env.get(from.env());
            if (value == null || value.isBlank()) {
                throw new UnusableUrl("environment variable " + from.env() + " is not set");
            }
        } else {
            try {
                value = Files.readString(Path.of(from.file()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UnusableUrl("cannot read file " + from.file() + ": " + e.getClass().getSimpleName());
            }
        }
        value = value.strip();
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            // URI's own message quotes the value: say only where it came from
            throw new UnusableUrl("the URL from " + from + " is not an http(s) URL");
        }
    }

    /** Why a URL cannot be used; the message never contains the URL. */
    static final class UnusableUrl extends Exception {
        UnusableUrl(String message) {
            super(message, null, false, false);
        }
    }
}

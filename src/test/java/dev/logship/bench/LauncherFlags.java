package dev.logship.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags bin/logship picks for a command, read from the launcher itself, so the bench
 * measures what `bin/logship serve` or `bin/logship apply` runs with, not a copy that may drift.
 * The launcher's {@code case "$command" in ... esac} lists them as {@code serve|demo) flags=(...) ;;}
 * and {@code *) flags=(...) ;;} (the CLI commands).
 */
final class LauncherFlags {
    private LauncherFlags() {}

    /** Flags for {@code serve} and {@code demo}. */
    static List<String> serve() {
        return flags("serve|demo");
    }

    /** Flags for the short CLI commands (plan, apply, validate ...). */
    static List<String> cli() {
        return flags("*");
    }

    private static List<String> flags(String pattern) {
        Path launcher = Path.of(System.getProperty("bench.launcher", "bin/logship"));
        String text;
        try {
            text = Files.readString(launcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launcher " + launcher.toAbsolutePath() + " (run the bench from the project root)", e);
        }
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(pattern) + "\\)\\s*flags=\\(([^)]*)\\)\\s*;;").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(launcher + " has no '" + pattern + ") flags=(...) ;;' line: the bench cannot tell its JVM flags");
        }
        return List.of(m.group(1).trim().split("\\s+"));
    }
}

package dev.logship.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Path launcher = launcher();
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(pattern) + "\\)\\s*flags=\\(([^)]*)\\)").matcher(read(launcher));
        if (!m.find()) {
            throw new IllegalStateException(launcher + " has no '" + pattern + ") flags=(...)' line: the bench cannot tell its JVM flags");
        }
        String flags = m.group(1).trim();
        // the launcher may name an array it defines once (e.g. flags=("${cli_flags[@]}")): read that array
        Matcher ref = Pattern.compile("\"\\$\\{(\\w+)\\[@]}\"").matcher(flags);
        if (ref.matches()) {
            Matcher array = Pattern.compile("(?m)^\\s*" + ref.group(1) + "=\\(([^)]*)\\)").matcher(read(launcher));
            if (!array.find()) {
                throw new IllegalStateException(launcher + " names the array " + ref.group(1) + " but never defines it");
            }
            flags = array.group(1).trim();
        }
        return List.of(flags.split("\\s+"));
    }

    /** What the launcher exports for serve and demo ({@code export NAME="${NAME:-value}"}, e.g. MALLOC_ARENA_MAX). */
    static Map<String, String> serveEnvironment() {
        Path launcher = launcher();
        Matcher block = Pattern.compile("(?ms)^\\s*serve\\|demo\\)(.*?);;").matcher(read(launcher));
        if (!block.find()) {
            throw new IllegalStateException(launcher + " has no 'serve|demo) ... ;;' case");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Matcher export = Pattern.compile("export (\\w+)=\"\\$\\{\\w+:-([^}]*)}\"").matcher(block.group(1));
        while (export.find()) {
            env.put(export.group(1), export.group(2));
        }
        return env;
    }

    private static Path launcher() {
        return Path.of(System.getProperty("bench.launcher", "bin/logship"));
    }

    private static String read(Path launcher) {
        try {
            return Files.readString(launcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launcher " + launcher.toAbsolutePath() + " (run the bench from the project root)", e);
        }
    }
}

package dev.logship.manifest;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Durations as people write them in manifests: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?");
    static final Duration MAX = Duration.ofDays(366);

    private Durations() {}

    static Optional<Duration> read(Context context, Node node, String field) {
        return Values.string(context, node, field).flatMap(text -> {
            Optional<Duration> parsed = parse(text);
            if (parsed.isEmpty()) {
                context.report(node, field, "expected a duration such as 30s, 10m, 1h30m or 2d (at most 366d), got \"" + text + "\"");
            }
            return parsed;
        });
    }

    static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (text.isEmpty() || text.length() > 20 || !m.matches()) {
            return Optional.empty();
        }
        Duration d = Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
        return d.compareTo(MAX) > 0 ? Optional.empty() : Optional.of(d);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}

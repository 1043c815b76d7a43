package dev.logship.manifest;

import dev.logship.cron.CronSchedules;
import dev.logship.model.SyncWindow;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a RolloutPolicy's {@code windows}: {kind: allow|deny, schedule: cron, duration, timeZone}. */
final class WindowsReader {
    private static final List<String> FIELDS = List.of("kind", "schedule", "duration", "timeZone");

    private WindowsReader() {}

    static List<SyncWindow> read(Context context, Node node, String field) {
        List<SyncWindow> windows = new ArrayList<>();
        Values.list(context, node, field, "windows").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                window(context, items.get(i), field + "[" + i + "]").ifPresent(windows::add);
            }
        });
        return windows;
    }

    private static Optional<SyncWindow> window(Context context, Node node, String path) {
        Optional<Fields> maybe = Fields.of(context, node, path, FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        Optional<SyncWindow.Kind> kind = fields.requiredString("kind", "allow or deny").flatMap(value -> {
            if (!value.equals("allow") && !value.equals("deny")) {
                context.report(fields.positionOf("kind"), path + ".kind", "expected allow or deny, got \"" + value + "\"");
                return Optional.empty();
            }
            return Optional.of(SyncWindow.Kind.valueOf(value.toUpperCase(Locale.ROOT)));
        });
        Optional<String> schedule = fields.requiredString("schedule", "a Unix cron schedule such as \"0 22 * * *\"")
                .filter(value -> fields.check("schedule", CronSchedules.problem(value)));
        Optional<Duration> duration = fields.required("duration", "how long the window stays open, e.g. 8h")
                .flatMap(n -> Durations.read(context, n, path + ".duration"))
                .filter(d -> fields.check("duration", d.isZero() ? Optional.of("expected a duration longer than 0") : Optional.empty()));
        Optional<String> zone = fields.string("timeZone").filter(value -> fields.check("timeZone", zoneProblem(value)));
        if (fields.has("timeZone") && zone.isEmpty()) {
            return Optional.empty();
        }
        if (kind.isEmpty() || schedule.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SyncWindow(kind.get(), schedule.get(), duration.get(), zone.orElse("UTC")));
    }

    private static Optional<String> zoneProblem(String zone) {
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("\"" + zone + "\" is not an IANA time zone: expected e.g. UTC, Europe/Berlin, America/New_York");
        }
    }
}

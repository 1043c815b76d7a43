package dev.logship.model;

import java.time.Duration;
import java.util.Objects;

/**
 * An allow or deny window for rollouts: it opens at each start of the Unix cron
 * {@code schedule} (five fields) in {@code timeZone} (IANA) and stays open for {@code duration}.
 */
public record SyncWindow(Kind kind, String schedule, Duration duration, String timeZone) {
    public enum Kind { ALLOW, DENY }

    public SyncWindow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(duration, "duration");
        timeZone = timeZone == null ? "UTC" : timeZone;
    }
}

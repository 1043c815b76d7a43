package dev.logship.rollout;

import dev.logship.model.SyncWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Sync windows at an instant, as Argo CD defines them: a deny window that is open blocks;
 * when allow windows exist, one of them must be open. Also finds the next allowed instant.
 *
 * <p>Windows live in wall-clock time ({@link WallClockWindow}): a cron start is a local date and
 * time in the window's zone, and the window ends at that local time plus its duration, so
 * "Friday 18:00 for 2d14h" ends on Monday at 08:00 local whatever daylight saving does between.
 */
public final class Windows {
    /** How far ahead {@link #nextAllowed} looks before giving up (a deny-everything schedule). */
    static final Duration HORIZON = Duration.ofDays(400);
    /** Window openings and closings stepped through at most (a window reopening every minute would be 576,000 in 400 days). */
    static final int MAX_STEPS = 500;
    private final List<WallClockWindow> windows;

    public Windows(List<SyncWindow> windows, CronTimes cron) {
        this.windows = windows.stream().map(w -> new WallClockWindow(w, cron)).toList();
    }

    public boolean allowed(Instant at) {
        boolean anyAllow = false;
        boolean allowOpen = false;
        for (WallClockWindow w : windows) {
            boolean open = w.openUntil(at).isPresent();
            if (w.kind() == SyncWindow.Kind.DENY && open) {
                return false;
            }
            anyAllow |= w.kind() == SyncWindow.Kind.ALLOW;
            allowOpen |= w.kind() == SyncWindow.Kind.ALLOW && open;
        }
        return !anyAllow || allowOpen;
    }

    /** {@code at} itself when allowed, else the first instant after it that is (empty past the horizon or the step limit). */
    public Optional<Instant> nextAllowed(Instant at) {
        Instant t = at;
        Instant limit = at.plus(HORIZON);
        for (int steps = 0; steps < MAX_STEPS && t.isBefore(limit); steps++) {
            if (allowed(t)) {
                return Optional.of(t);
            }
            Optional<Instant> next = nextChange(t);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            t = next.get();
        }
        return Optional.empty();
    }

    /** The earliest instant after {@code t} at which some window opens or closes. */
    private Optional<Instant> nextChange(Instant t) {
        Instant best = null;
        for (WallClockWindow w : windows) {
            Optional<Instant> candidate = w.openUntil(t).or(() -> w.nextOpening(t));
            if (candidate.isPresent() && candidate.get().isAfter(t) && (best == null || candidate.get().isBefore(best))) {
                best = candidate.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * One window on its zone's wall clock. The cron schedule is evaluated on local date-times
     * (asked of {@link CronTimes} in UTC, which has no daylight saving, so every nominal start
     * exists, including one inside a spring-forward gap). A local time is turned into an instant
     * by {@link #instant}: a time inside a gap becomes the first instant after the gap, a time
     * inside a fall-back overlap its first occurrence, so each start opens exactly once.
     */
    private record WallClockWindow(SyncWindow window, CronTimes cron, ZoneId zone) {
        WallClockWindow(SyncWindow window, CronTimes cron) {
            this(window, cron, ZoneId.of(window.timeZone()));
        }

        SyncWindow.Kind kind() {
            return window.kind();
        }

        /** When the window's current opening ends, if it is open at {@code t}. */
        Optional<Instant> openUntil(Instant t) {
            return cron.lastStart(window.schedule(), ZoneOffset.UTC, asUtc(latestStartedLocal(t)))
                    .map(start -> instant(local(start).plus(window.duration())))
                    .filter(end -> end.isAfter(t));
        }

        /** The first opening strictly after {@code t}. */
        Optional<Instant> nextOpening(Instant t) {
            return cron.nextStart(window.schedule(), ZoneOffset.UTC, asUtc(latestStartedLocal(t)))
                    .map(start -> instant(local(start)));
        }

        /**
         * The latest local time whose opening instant is at or before {@code t}: {@code t}'s own
         * local time, except in the second pass through a fall-back overlap, where every local
         * time of the overlap has already happened once.
         */
        private LocalDateTime latestStartedLocal(Instant t) {
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            var rules = zone.getRules();
            var transition = rules.getTransition(local);
            if (transition != null && transition.isOverlap() && rules.getOffset(t).equals(transition.getOffsetAfter())) {
                return transition.getDateTimeBefore().minusNanos(1);
            }
            return local;
        }

        private Instant instant(LocalDateTime local) {
            var transition = zone.getRules().getTransition(local);
            if (transition != null && transition.isGap()) {
                return transition.getInstant();
            }
            return local.atZone(zone).toInstant(); // an overlap resolves to its earlier offset
        }

        private static Instant asUtc(LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }

        private static LocalDateTime local(Instant utcStandIn) {
            return LocalDateTime.ofInstant(utcStandIn, ZoneOffset.UTC);
        }
    }
}

package dev.logship.rollout;

import dev.logship.model.SyncWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Sync windows at an instant, as Argo CD defines them: a deny window that is open blocks;
 * when allow windows exist, one of them must be open. Also finds the next allowed instant.
 */
public final class Windows {
    /** How far ahead {@link #nextAllowed} looks before giving up (a deny-everything schedule). */
    static final Duration HORIZON = Duration.ofDays(400);
    /** Window openings and closings stepped through at most (a window reopening every minute would be 576,000 in 400 days). */
    static final int MAX_STEPS = 500;
    private final List<SyncWindow> windows;
    private final CronTimes cron;

    public Windows(List<SyncWindow> windows, CronTimes cron) {
        this.windows = List.copyOf(windows);
        this.cron = cron;
    }

    public boolean allowed(Instant at) {
        boolean anyAllow = false;
        boolean allowOpen = false;
        for (SyncWindow w : windows) {
            boolean open = openUntil(w, at).isPresent();
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
        for (SyncWindow w : windows) {
            Optional<Instant> candidate = openUntil(w, t)
                    .or(() -> cron.nextStart(w.schedule(), ZoneId.of(w.timeZone()), t));
            if (candidate.isPresent() && candidate.get().isAfter(t) && (best == null || candidate.get().isBefore(best))) {
                best = candidate.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** When the window's current opening ends, if it is open at {@code t}. */
    private Optional<Instant> openUntil(SyncWindow w, Instant t) {
        return cron.lastStart(w.schedule(), ZoneId.of(w.timeZone()), t)
                .map(start -> start.plus(w.duration()))
                .filter(end -> end.isAfter(t));
    }
}

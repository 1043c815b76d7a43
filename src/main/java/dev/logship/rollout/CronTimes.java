package dev.logship.rollout;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The starts of a cron schedule, owned here so the planner stays free of any cron library (reconcile passes {@code cron.CronSchedules}).
 * {@link Windows} asks in UTC, a zone without daylight saving, to get the nominal wall-clock starts.
 */
public interface CronTimes {
    /** The last start at or before {@code at}. */
    Optional<Instant> lastStart(String schedule, ZoneId zone, Instant at);

    /** The first start strictly after {@code at}. */
    Optional<Instant> nextStart(String schedule, ZoneId zone, Instant at);
}

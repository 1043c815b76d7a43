package dev.logship.reconcile;

import dev.logship.cron.CronSchedules;
import dev.logship.rollout.CronTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The planner's cron function ({@link CronTimes}, so the planner stays pure) backed by {@link
 * CronSchedules}. The rollouts ask the same windows at the same instant many times (every
 * decision of a burst, every run's gate), and each answer parses the schedule: answers are
 * remembered per (schedule, zone, instant), a few thousand at most.
 */
final class SystemCron {
    private static final int REMEMBERED = 4_096;
    private static final Map<String, Optional<Instant>> ANSWERS = new ConcurrentHashMap<>();

    static final CronTimes CRON = new CronTimes() {
        @Override
        public Optional<Instant> lastStart(String schedule, ZoneId zone, Instant at) {
            return remembered("last " + schedule + " " + zone + " " + at, () -> CronSchedules.lastStart(schedule, zone, at));
        }

        @Override
        public Optional<Instant> nextStart(String schedule, ZoneId zone, Instant at) {
            return remembered("next " + schedule + " " + zone + " " + at, () -> CronSchedules.nextStart(schedule, zone, at));
        }
    };

    private SystemCron() {}

    private static Optional<Instant> remembered(String key, java.util.function.Supplier<Optional<Instant>> answer) {
        Optional<Instant> known = ANSWERS.get(key);
        if (known != null) {
            return known;
        }
        if (ANSWERS.size() >= REMEMBERED) {
            ANSWERS.clear(); // a bound, not an eviction policy: answers are cheap to find again
        }
        Optional<Instant> found = answer.get();
        ANSWERS.put(key, found);
        return found;
    }
}

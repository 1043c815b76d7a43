package dev.logship.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Unix cron (five fields: minute hour day-of-month month day-of-week) through cron-utils, the
 * one place that library is used: syntax checks for validation, and the start of a schedule
 * just before or after an instant in an IANA time zone (daylight saving included).
 */
public final class CronSchedules {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedules() {}

    /** Why {@code expression} is not a Unix cron schedule, or empty when it is one. */
    public static Optional<String> problem(String expression) {
        try {
            PARSER.parse(expression).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("expected a Unix cron schedule of five fields (minute hour day-of-month month day-of-week)"
                    + ", e.g. \"0 22 * * 1-5\": " + e.getMessage());
        }
    }

    /** The last start at or before {@code at}. */
    public static Optional<Instant> lastStart(String expression, ZoneId zone, Instant at) {
        ExecutionTime times = times(expression);
        ZonedDateTime t = at.atZone(zone);
        if (times.isMatch(t.withSecond(0).withNano(0)) && !t.withSecond(0).withNano(0).isAfter(t)) {
            return Optional.of(t.withSecond(0).withNano(0).toInstant());
        }
        return times.lastExecution(t).map(ZonedDateTime::toInstant);
    }

    /** The first start strictly after {@code at}. */
    public static Optional<Instant> nextStart(String expression, ZoneId zone, Instant at) {
        return times(expression).nextExecution(at.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    private static ExecutionTime times(String expression) {
        Cron cron = PARSER.parse(expression);
        return ExecutionTime.forCron(cron);
    }
}

package dev.logship.reconcile;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Logs an unexpected exception (a bug in logship) with its stack trace under a short incident
 * id, and gives back a status message that names the id, so "see the log" leads somewhere.
 * Messages are left out of the logged trace: an unexpected exception's message may quote a
 * manifest or task definition, and with it a route (a secret). Types and frames locate the bug.
 */
final class InternalErrors {
    private InternalErrors() {}

    /** Logs {@code e} at ERROR; returns e.g. "unexpected NullPointerException in render (stack trace in the log as incident 3fa2c1d0)". */
    static String log(Logger log, String where, Throwable e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("internal error in {} (incident {}): {}", where, incident, traceWithoutMessages(e));
        return "unexpected " + e.getClass().getSimpleName() + " in " + where + " (stack trace in the log as incident "
                + incident + ")";
    }

    static String traceWithoutMessages(Throwable e) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            out.append(t == e ? "" : "\nCaused by: ").append(t.getClass().getName());
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("\n\tat ").append(frame);
            }
        }
        return out.toString();
    }
}

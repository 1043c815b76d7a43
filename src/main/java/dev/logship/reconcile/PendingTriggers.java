package dev.logship.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The triggers gathered for one key's next run. A trigger may announce what it is about (a
 * webhook's pushed commit): such a trigger is news until a run has seen that value, and is
 * dropped once one has. A trigger that announces nothing (a timer, a generic webhook) can only
 * be answered by a run, and may wait out the queue's minimum interval. Not thread-safe: the
 * queue guards it.
 */
final class PendingTriggers {
    /** Bounds what is kept per pending run, so a flood of distinct triggers cannot grow memory. */
    static final int MAX_KEPT = 32;

    private final Set<String> reasons = new LinkedHashSet<>();
    private final Set<String> announced = new HashSet<>();
    private boolean unannounced;
    /** An announced value was not kept (beyond the bound): the run must happen, as if it were news. */
    private boolean overflow;

    /** @param value what the trigger announces (a commit id), or null */
    void add(String reason, String value) {
        if (reasons.size() < MAX_KEPT || reasons.contains(reason)) {
            reasons.add(reason);
        }
        if (value == null) {
            unannounced = true;
        } else if (announced.size() < MAX_KEPT || announced.contains(value)) {
            announced.add(value);
        } else {
            overflow = true;
        }
    }

    /** A run saw {@code value} (the commit a fetch found): triggers announcing it are answered. */
    void seen(String value) {
        if (value != null && announced.remove(value) && isEmpty()) {
            reasons.clear();
        }
    }

    boolean isEmpty() {
        return !unannounced && !overflow && announced.isEmpty();
    }

    /** True when only triggers that announce nothing are pending: only those wait out the minimum interval. */
    boolean mayWait() {
        return unannounced && !overflow && announced.isEmpty();
    }

    /** The reasons of a run starting now; the pending set starts over. */
    List<String> drain() {
        List<String> taken = new ArrayList<>(reasons);
        clear();
        return taken;
    }

    void clear() {
        reasons.clear();
        announced.clear();
        unannounced = false;
        overflow = false;
    }
}

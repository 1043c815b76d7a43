package dev.logship.localecs;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls received per action, all of them and those answered with an error (faults included),
 * and per account (the account the caller's credentials count against, see {@link Accounts}).
 */
final class CallCounts {
    private final Map<String, LongAdder> all = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> byAccount = new ConcurrentHashMap<>();

    void received(String action, String account) {
        all.computeIfAbsent(action, a -> new LongAdder()).increment();
        byAccount.computeIfAbsent(account, a -> new ConcurrentHashMap<>()).computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    void failed(String action, String errorType) {
        errors.computeIfAbsent(action + ":" + errorType, a -> new LongAdder()).increment();
    }

    Map<String, Long> all() {
        return snapshot(all);
    }

    Map<String, Long> errors() {
        return snapshot(errors);
    }

    /** Calls received per account, then per action. */
    Map<String, Map<String, Long>> byAccount() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byAccount.forEach((account, counts) -> out.put(account, snapshot(counts)));
        return Map.copyOf(out);
    }

    void reset() {
        all.clear();
        errors.clear();
        byAccount.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return Map.copyOf(out);
    }
}

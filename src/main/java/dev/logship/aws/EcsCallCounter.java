package dev.logship.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts ECS calls by action and outcome ({@code ok}, or ECS's error code such as
 * {@code ThrottlingException}); attempts (including retries) are counted under outcome
 * {@code attempt}. Read by tests, the CLI report and the metrics endpoint.
 */
public final class EcsCallCounter {
    public static final String OK = "ok";
    public static final String ATTEMPT = "attempt";

    public record Key(String action, String outcome) {}

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String action, String outcome) {
        counts.computeIfAbsent(new Key(action, outcome), k -> new LongAdder()).increment();
    }

    /** Every (action, outcome) seen so far with its count. */
    public Map<Key, Long> snapshot() {
        Map<Key, Long> out = new TreeMap<>((a, b) -> (a.action() + "\0" + a.outcome()).compareTo(b.action() + "\0" + b.outcome()));
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Completed calls per action (any outcome, retries not counted twice). */
    public Map<String, Long> callsByAction() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (!k.outcome().equals(ATTEMPT)) {
                out.merge(k.action(), v.sum(), Long::sum);
            }
        });
        return out;
    }

    public long count(String action, String outcome) {
        LongAdder adder = counts.get(new Key(action, outcome));
        return adder == null ? 0 : adder.sum();
    }

    public void reset() {
        counts.clear();
    }
}

package dev.logship.localecs.accounts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls received per action, all of them and those answered with an error (faults included),
 * and per account (the account the caller's credentials count against, see {@link Accounts}).
 */
public final class CallCounts {
    private final Map<String, LongAdder> all = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> byCluster = new ConcurrentHashMap<>();

    /** Counts a call that names a cluster (its {@code cluster} field, or the cluster in a service ARN it tags). */
    public void receivedFor(String cluster, String action) {
        if (cluster != null) {
            byCluster.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).computeIfAbsent(action, a -> new LongAdder()).increment();
        }
    }

    /** The cluster name a request is about, if it names one: rollout tests count calls per cluster. */
    public static String clusterOf(com.fasterxml.jackson.databind.JsonNode body) {
        String cluster = body.path("cluster").asText(null);
        if (cluster != null) {
            return cluster.contains("cluster/") ? cluster.substring(cluster.indexOf("cluster/") + 8) : cluster;
        }
        String arn = body.path("resourceArn").asText("");
        int service = arn.indexOf(":service/");
        if (service >= 0) {
            String rest = arn.substring(service + 9);
            return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : null;
        }
        return null;
    }

    /** Calls received per cluster named in the request, then per action. */
    /** Per cluster, the counts of these actions only; clusters with none left out. */
    public Map<String, Map<String, Long>> byCluster(java.util.Set<String> actions) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byCluster().forEach((cluster, counts) -> {
            Map<String, Long> kept = new TreeMap<>(counts);
            kept.keySet().retainAll(actions);
            if (!kept.isEmpty()) {
                out.put(cluster, Map.copyOf(kept));
            }
        });
        return Map.copyOf(out);
    }

    public Map<String, Map<String, Long>> byCluster() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byCluster.forEach((cluster, counts) -> out.put(cluster, snapshot(counts)));
        return Map.copyOf(out);
    }

    public void received(String action, String account) {
        all.computeIfAbsent(action, a -> new LongAdder()).increment();
        byAccount.computeIfAbsent(account, a -> new ConcurrentHashMap<>()).computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    public void failed(String action, String errorType) {
        errors.computeIfAbsent(action + ":" + errorType, a -> new LongAdder()).increment();
    }

    public Map<String, Long> all() {
        return snapshot(all);
    }

    public Map<String, Long> errors() {
        return snapshot(errors);
    }

    /** Calls received per account, then per action. */
    public Map<String, Map<String, Long>> byAccount() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byAccount.forEach((account, counts) -> out.put(account, snapshot(counts)));
        return Map.copyOf(out);
    }

    public void reset() {
        all.clear();
        errors.clear();
        byAccount.clear();
        byCluster.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return Map.copyOf(out);
    }
}

package dev.logship.localecs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LocalEcsServer} starts.
 *
 * @param port TCP port; 0 picks a free one
 * @param bindHost address to listen on (127.0.0.1 unless told otherwise)
 * @param accountId the account id in every ARN
 * @param clusters clusters created at start, name to number of ACTIVE container instances
 * @param throttle whether ECS's documented token buckets apply
 * @param timeScale how much faster than real time buckets refill and tasks converge (1 = real)
 * @param latency added to every call
 * @param taskConvergence how long a placed task stays PENDING before it counts as RUNNING
 * @param stateFile where state is saved on change and reloaded from on start; null keeps it in memory
 * @param region region in the ARNs of clusters made at start or by the admin API (callers' own
 *     requests use the region they sign for)
 * @param managedInstances Managed Instances capacity providers made at start, "CLUSTER/PROVIDER" to
 *     number of instances (the cluster is created if missing)
 * @param unhealthyReplacement how long a service task shows UNHEALTHY before the scheduler stops and
 *     replaces it (ECS acts on a failed container health check within moments, not at once)
 */
public record LocalEcsConfig(int port, String bindHost, String accountId, Map<String, Integer> clusters,
        boolean throttle, double timeScale, Duration latency, Duration taskConvergence, Path stateFile, String region,
        Map<String, Integer> managedInstances, Duration unhealthyReplacement) {

    public LocalEcsConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(bindHost, "bindHost");
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
        }
        clusters = Map.copyOf(new LinkedHashMap<>(clusters));
        clusters.forEach((name, nodes) -> {
            if (nodes < 0) {
                throw new IllegalArgumentException("cluster " + name + ": node count must be >= 0, got " + nodes);
            }
        });
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be > 0, got " + timeScale);
        }
        managedInstances = Map.copyOf(new LinkedHashMap<>(managedInstances));
        managedInstances.forEach((key, count) -> {
            if (!key.matches("[A-Za-z0-9_-]+/[A-Za-z0-9_-]+") || count < 0) {
                throw new IllegalArgumentException("managed instances expect CLUSTER/PROVIDER and a count >= 0, got "
                        + key + "=" + count);
            }
        });
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(taskConvergence, "taskConvergence");
        Objects.requireNonNull(unhealthyReplacement, "unhealthyReplacement");
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException("region must look like us-east-1, got " + region);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: ephemeral port on 127.0.0.1, account 000000000000, no clusters, no throttling. */
    public static LocalEcsConfig defaults() {
        return builder().build();
    }

    /** Fluent builder; every setter has a sensible default. */
    public static final class Builder {
        private int port;
        private String bindHost = "127.0.0.1";
        private String accountId = "000000000000";
        private final Map<String, Integer> clusters = new LinkedHashMap<>();
        private boolean throttle;
        private double timeScale = 1;
        private Duration latency = Duration.ZERO;
        private Duration taskConvergence = Duration.ZERO;
        private Path stateFile;
        private String region = "us-east-1";
        private final Map<String, Integer> managedInstances = new LinkedHashMap<>();
        private Duration unhealthyReplacement = Duration.ofSeconds(10);

        public Builder port(int port) { this.port = port; return this; }
        public Builder bindHost(String bindHost) { this.bindHost = bindHost; return this; }
        public Builder accountId(String accountId) { this.accountId = accountId; return this; }
        public Builder cluster(String name, int nodes) { clusters.put(name, nodes); return this; }
        public Builder clusters(Map<String, Integer> all) { clusters.putAll(all); return this; }
        public Builder throttle(boolean throttle) { this.throttle = throttle; return this; }
        public Builder timeScale(double timeScale) { this.timeScale = timeScale; return this; }
        public Builder latency(Duration latency) { this.latency = latency; return this; }
        public Builder taskConvergence(Duration delay) { this.taskConvergence = delay; return this; }
        public Builder stateFile(Path stateFile) { this.stateFile = stateFile; return this; }
        public Builder region(String region) { this.region = region; return this; }
        public Builder unhealthyReplacement(Duration delay) { this.unhealthyReplacement = delay; return this; }
        /** A Managed Instances capacity provider in the cluster with this many instances. */
        public Builder managedInstances(String cluster, String provider, int instances) {
            managedInstances.put(cluster + "/" + provider, instances);
            return this;
        }

        public LocalEcsConfig build() {
            return new LocalEcsConfig(port, bindHost, accountId, clusters, throttle, timeScale, latency,
                    taskConvergence, stateFile, region, managedInstances, unhealthyReplacement);
        }
    }
}

package dev.logship.bench;

import java.util.List;
import java.util.Set;

/**
 * Sizes and repetitions of one bench run. {@link #full()} is what BENCHMARKS.md reports;
 * {@link #tiny()} checks in seconds that every scenario still runs.
 *
 * @param timeScale how much faster than real ECS the token buckets refill in scenarios 3 and 4
 */
record BenchConfig(String name, int resyncClusters, int scaleClusters, int gitClusters, int gitLocalForwarders,
        int pushes, int repeats, double timeScale, long refillMillis, int threads, long idleMillis, long pushSpacingMillis, Set<String> only,
        int accounts, int accountClusters, double accountsTimeScale) {

    /** Scenario 8's fleet sizes (--memory-clusters 1000,10000) and pacing speed-up. */
    List<Integer> memoryClusters() {
        String sizes = System.getProperty("bench.memoryClusters", name.equals("tiny") ? "12" : "1000,10000");
        return java.util.Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    double memoryTimeScale() {
        return Double.parseDouble(System.getProperty("bench.memoryTimeScale", "20"));
    }

    static BenchConfig full() {
        return new BenchConfig("full", 100, 1000, 1000, 4, 50, 3, 8, 6000, 8, 30_000, 2_300, Set.of(), 10, 100, 1);
    }

    static BenchConfig tiny() {
        return new BenchConfig("tiny", 4, 12, 10, 4, 3, 1, 50, 50, 4, 1_000, 100, Set.of(), 3, 4, 50);
    }

    BenchConfig only(Set<String> scenarios) {
        return new BenchConfig(name, resyncClusters, scaleClusters, gitClusters, gitLocalForwarders, pushes, repeats,
                timeScale, refillMillis, threads, idleMillis, pushSpacingMillis, Set.copyOf(scenarios), accounts, accountClusters,
                accountsTimeScale);
    }

    BenchConfig withTimeScale(double scale) {
        return new BenchConfig(name, resyncClusters, scaleClusters, gitClusters, gitLocalForwarders, pushes, repeats,
                scale, refillMillis, threads, idleMillis, pushSpacingMillis, only, accounts, accountClusters, accountsTimeScale);
    }

    BenchConfig withRepeats(int n) {
        return new BenchConfig(name, resyncClusters, scaleClusters, gitClusters, gitLocalForwarders, pushes, n,
                timeScale, refillMillis, threads, idleMillis, pushSpacingMillis, only, accounts, accountClusters, accountsTimeScale);
    }

    BenchConfig withScaleClusters(int n) {
        return new BenchConfig(name, resyncClusters, n, gitClusters, gitLocalForwarders, pushes, repeats,
                timeScale, refillMillis, threads, idleMillis, pushSpacingMillis, only, accounts, accountClusters, accountsTimeScale);
    }

    /** Scenario 7's shape: accounts x clusters per account, and its own time scale (1 = ECS's real rates). */
    BenchConfig withAccounts(int n, int clustersPerAccount, double scale) {
        return new BenchConfig(name, resyncClusters, scaleClusters, gitClusters, gitLocalForwarders, pushes, repeats,
                timeScale, refillMillis, threads, idleMillis, pushSpacingMillis, only, n, clustersPerAccount, scale);
    }

    boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }
}

package dev.logship.reconcile;

import dev.logship.discovery.ClusterCatalog;
import dev.logship.discovery.Discovered;
import dev.logship.discovery.Discovery;
import dev.logship.discovery.SetCoverage;
import dev.logship.model.DesiredState;
import dev.logship.model.DiscoveredCluster;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * serve's discovery: reads a snapshot with the clusters its ClusterSets found so far, lists them
 * again on its own interval, and says what changed as events (a cluster discovered, a cluster
 * gone or no longer matching, a scope failing or recovered). A failing scope keeps its last good
 * list ({@link Discovery}), so failures never remove a cluster.
 */
final class FleetDiscovery {
    private final Discovery discovery;
    private final StatusStore store;
    private final java.time.Duration interval;
    /** Its own thread: listing thousands of clusters must not hold up the controller's timers. */
    private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "discovery");
        t.setDaemon(true);
        return t;
    });
    private volatile Discovered used = Discovered.none();
    private volatile List<SetCoverage> coverage = List.of();
    private Set<String> failingSaid = Set.of();

    FleetDiscovery(ClusterCatalog catalog, StatusStore store, java.time.Duration interval) {
        this.discovery = new Discovery(catalog, Clock.systemUTC());
        this.store = store;
        this.interval = interval;
    }

    /** Runs {@code rediscover} every interval (the first after one interval: the first fetch discovers at once). */
    void start(Runnable rediscover) {
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                rediscover.run();
            } catch (RuntimeException e) {
                InternalErrors.log(org.slf4j.LoggerFactory.getLogger(FleetDiscovery.class), "discovery", e);
            }
        }, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** A snapshot as the controller reads it: with what its sets discovered (listing only scopes never listed). */
    ReadResult read(Snapshot snapshot) {
        Discovered found = discovery.current(DesiredStates.clusterSets(snapshot));
        ReadResult read = DesiredStates.read(snapshot, found.clusters());
        if (read.ok()) {
            used = found;
        }
        return read;
    }

    /** Lists every scope again; the re-read snapshot when the clusters changed, else null. */
    ReadResult refresh(Snapshot accepted, String revision) {
        Discovered found = discovery.refresh(DesiredStates.clusterSets(accepted));
        sayFailures(found, revision);
        if (found.clusters().equals(used.clusters())) {
            used = found;
            return null;
        }
        ReadResult read = DesiredStates.read(accepted, found.clusters());
        if (read.ok()) {
            sayChanges(names(used), names(found), revision);
            used = found;
        }
        return read;
    }

    /** Called with each accepted state: coverage counts clusters as that state has them. */
    void covered(DesiredState state) {
        coverage = SetCoverage.of(used, state);
        store.coverage(coverage);
    }

    List<SetCoverage> coverage() {
        return coverage;
    }

    private void sayChanges(Set<String> before, Set<String> after, String revision) {
        for (String name : after) {
            if (!before.contains(name)) {
                store.record(Event.of(name, "ClusterDiscovered", "discovered; its forwarders follow", revision));
            }
        }
        for (String name : before) {
            if (!after.contains(name)) {
                store.record(Event.of(name, "ClusterLeft", "no longer discovered (deleted, or its tags no longer match):"
                        + " it leaves the status; nothing is called or pruned there", revision));
            }
        }
    }

    private void sayFailures(Discovered found, String revision) {
        Set<String> failing = found.sets().stream().flatMap(s -> s.failing().stream()).map(f -> f.account() + "/" + f.region())
                .collect(Collectors.toCollection(TreeSet::new));
        found.sets().forEach(set -> set.failing().stream().filter(f -> !failingSaid.contains(f.account() + "/" + f.region()))
                .forEach(f -> store.record(Event.of(null, "DiscoveryFailed", "ClusterSet " + set.set() + ": " + f, revision))));
        failingSaid.stream().filter(scope -> !failing.contains(scope)).forEach(scope ->
                store.record(Event.of(null, "DiscoveryRecovered", scope + " is listed again", revision)));
        failingSaid = failing;
    }

    private static Set<String> names(Discovered discovered) {
        return discovered.clusters().stream().map(c -> c.target().name()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** For tests: the clusters the state in force was read with. */
    List<DiscoveredCluster> used() {
        return used.clusters();
    }
}

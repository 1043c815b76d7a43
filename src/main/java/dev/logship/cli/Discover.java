package dev.logship.cli;

import dev.logship.discovery.ClusterCatalog;
import dev.logship.discovery.Discovered;
import dev.logship.discovery.Discovery;
import dev.logship.model.ClusterSet;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/** One discovery for a CLI run (plan, apply, clusters): the snapshot's ClusterSets listed once; failures said on stderr. */
final class Discover {
    private Discover() {}

    static Discovered once(Snapshot snapshot, ClusterCatalog catalog, PrintWriter err) {
        List<ClusterSet> sets = DesiredStates.clusterSets(snapshot);
        if (sets.isEmpty()) {
            return Discovered.none();
        }
        Discovered discovered = new Discovery(catalog, Clock.systemUTC()).refresh(sets);
        discovered.sets().forEach(set -> set.failing().forEach(failure -> err.println("discovery: ClusterSet " + set.set()
                + ": " + failure.account() + "/" + failure.region() + ": " + failure.reason() + ": " + failure.message()
                + "; its clusters are left out of this run (nothing of theirs is changed or pruned)")));
        return discovered;
    }
}

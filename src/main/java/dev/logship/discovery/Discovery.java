package dev.logship.discovery;

import dev.logship.model.ClusterSet;
import dev.logship.model.ClusterTarget;
import dev.logship.model.DiscoveredCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns catalog entries plus ClusterSets into Clusters. Each account and region is listed once
 * per refresh however many sets cover it; a scope that fails keeps its last good list (a failing
 * discovery never removes a cluster) and is reported on every set that covers it.
 */
public final class Discovery {
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?");

    private record Scope(String account, String roleArn, String region) {}

    private final ClusterCatalog catalog;
    private final Clock clock;
    private final Map<Scope, List<CatalogEntry>> lastGood = new HashMap<>();
    private final Map<Scope, ScopeFailure> failures = new HashMap<>();

    public Discovery(ClusterCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Lists every scope of these sets again, then selects. */
    public synchronized Discovered refresh(List<ClusterSet> sets) {
        list(scopes(sets));
        return select(sets);
    }

    /** The sets over what was listed so far, listing only scopes never listed (a new set's first look). */
    public synchronized Discovered current(List<ClusterSet> sets) {
        list(scopes(sets).stream().filter(s -> !lastGood.containsKey(s) && !failures.containsKey(s)).toList());
        return select(sets);
    }

    /**
     * Each account and region draws on its own cluster-read bucket, so scopes are listed side by
     * side ({@link ScopeListing}); the outcomes are then recorded here, one thread, in scope order.
     */
    private void list(List<Scope> scopes) {
        List<ScopeListing.Outcome> outcomes = ScopeListing.all(scopes.size(), i -> catalog.clusters(scopes.get(i).roleArn(),
                scopes.get(i).region()));
        for (int i = 0; i < scopes.size(); i++) {
            Scope scope = scopes.get(i);
            ScopeListing.Outcome outcome = outcomes.get(i);
            if (outcome.failure() == null) {
                lastGood.put(scope, outcome.clusters());
                failures.remove(scope);
            } else {
                CatalogException e = outcome.failure();
                ScopeFailure earlier = failures.get(scope);
                failures.put(scope, new ScopeFailure(scope.account(), scope.region(), e.reason(), e.getMessage(),
                        earlier == null ? clock.instant() : earlier.since(), lastGood.containsKey(scope)));
            }
        }
    }

    private static List<Scope> scopes(List<ClusterSet> sets) {
        Map<Scope, Boolean> out = new LinkedHashMap<>();
        for (ClusterSet set : sets) {
            for (ClusterSet.Account account : set.accounts()) {
                set.regions().forEach(region -> out.put(new Scope(account.id(), account.roleArn(), region), true));
            }
        }
        return List.copyOf(out.keySet());
    }

    private Discovered select(List<ClusterSet> sets) {
        List<DiscoveredCluster> clusters = new ArrayList<>();
        List<Discovered.SetReport> reports = new ArrayList<>();
        for (ClusterSet set : sets) {
            int listed = 0;
            List<String> selected = new ArrayList<>();
            List<String> excluded = new ArrayList<>();
            List<ScopeFailure> failing = new ArrayList<>();
            for (ClusterSet.Account account : set.accounts()) {
                for (String region : set.regions()) {
                    Scope scope = new Scope(account.id(), account.roleArn(), region);
                    if (failures.containsKey(scope)) {
                        failing.add(failures.get(scope));
                    }
                    for (CatalogEntry entry : lastGood.getOrDefault(scope, List.of())) {
                        listed++;
                        String name = DiscoveredCluster.nameOf(entry.clusterName(), entry.region(), entry.account());
                        if (set.tagSelector().matches(entry.tags())) {
                            selected.add(name);
                            clusters.add(new DiscoveredCluster(set.name(), entry.account(), target(set, account, entry, name)));
                        } else {
                            excluded.add(name);
                        }
                    }
                }
            }
            reports.add(new Discovered.SetReport(set.name(), listed, selected, excluded, failing));
        }
        return new Discovered(clusters, reports);
    }

    /** Its ARN as clusterName: the same name in two accounts or regions stays two ECS clusters. */
    private static ClusterTarget target(ClusterSet set, ClusterSet.Account account, CatalogEntry entry, String name) {
        String arn = "arn:aws:ecs:" + entry.region() + ":" + entry.account() + ":cluster/" + entry.clusterName();
        return new ClusterTarget(name, arn, entry.region(), account.roleArn(), set.prune(), set.allowEmpty(), set.suspend(),
                labels(set, entry));
    }

    /** The set's labels, then each labelsFromTags entry whose tag is present with a value a label may hold. */
    static Map<String, String> labels(ClusterSet set, CatalogEntry entry) {
        Map<String, String> labels = new TreeMap<>(set.labels());
        set.labelsFromTags().forEach((label, tag) -> {
            String value = entry.tags().get(tag);
            if (value != null && LABEL_VALUE.matcher(value).matches()) {
                labels.put(label, value);
            }
        });
        return labels;
    }
}

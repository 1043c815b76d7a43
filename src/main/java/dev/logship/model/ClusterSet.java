package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A {@code kind: ClusterSet}: every ECS cluster in these accounts and regions whose tags match
 * {@code tagSelector} becomes a Cluster, labelled with {@code labels} plus the tags named in
 * {@code labelsFromTags} (label key to tag key), pruned, guarded and suspended as the defaults say.
 */
public record ClusterSet(String name, List<Account> accounts, List<String> regions, LabelSelector tagSelector,
        SortedMap<String, String> labelsFromTags, SortedMap<String, String> labels, boolean prune, boolean allowEmpty,
        boolean suspend) {

    /** An account to look in: {@code roleArn} is assumed there (null: the ambient credentials' own account). */
    public record Account(String id, String roleArn) {}

    public ClusterSet {
        Objects.requireNonNull(name, "name");
        accounts = Immutable.list(accounts);
        regions = Immutable.list(regions);
        tagSelector = tagSelector == null ? LabelSelector.of(Map.of()) : tagSelector;
        labelsFromTags = Immutable.sortedMap(labelsFromTags);
        labels = Immutable.sortedMap(labels);
    }
}

package dev.logship.discovery;

import dev.logship.model.Immutable;
import java.util.Map;
import java.util.Objects;

/** One ECS cluster as the catalog lists it: its account and region (from its ARN), name and tags. */
public record CatalogEntry(String account, String region, String clusterName, Map<String, String> tags) {
    public CatalogEntry {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clusterName, "clusterName");
        tags = Immutable.sortedMap(tags);
    }
}

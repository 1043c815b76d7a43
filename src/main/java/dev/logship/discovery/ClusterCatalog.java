package dev.logship.discovery;

import java.util.List;

/**
 * Where clusters are found (ECS: ListClusters and DescribeClusters with tags, in one account
 * and region). Implemented by the {@code aws} adapter; tests use the same adapter against local-ecs.
 */
public interface ClusterCatalog {
    /**
     * Every ACTIVE cluster of one account and region with its tags. {@code roleArn} is assumed
     * first (null: the ambient credentials). Throws {@link CatalogException} when the answer is
     * incomplete (denied, throttled after retries, unreachable): a partial list is never returned.
     */
    List<CatalogEntry> clusters(String roleArn, String region) throws CatalogException;
}

package dev.logship.aws;

import dev.logship.discovery.CatalogEntry;
import dev.logship.discovery.CatalogException;
import dev.logship.discovery.ClusterCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The ECS catalog of clusters: ListClusters, then DescribeClusters with {@code include: TAGS}
 * 100 at a time, on the shared client of the role and region, so both are paced in that
 * account's cluster-read bucket and retried by the SDK's own strategy like every other call.
 */
final class AwsClusterCatalog implements ClusterCatalog {
    private static final int DESCRIBE_BATCH = 100;
    private final EcsClients clients;

    AwsClusterCatalog(EcsClients clients) {
        this.clients = clients;
    }

    @Override
    public List<CatalogEntry> clusters(String roleArn, String region) throws CatalogException {
        try {
            EcsClient ecs = clients.client(roleArn, region);
            List<String> arns = new ArrayList<>();
            ecs.listClustersPaginator(r -> r.maxResults(100)).clusterArns().forEach(arns::add);
            List<CatalogEntry> out = new ArrayList<>();
            for (int i = 0; i < arns.size(); i += DESCRIBE_BATCH) {
                List<String> batch = arns.subList(i, Math.min(arns.size(), i + DESCRIBE_BATCH));
                for (Cluster cluster : ecs.describeClusters(r -> r.clusters(batch).include(ClusterField.TAGS)).clusters()) {
                    if ("ACTIVE".equals(cluster.status())) {
                        out.add(entry(cluster, region));
                    }
                }
            }
            return out;
        } catch (SdkException e) {
            String code = SafeMessages.errorCode(e);
            String reason = code.contains("AccessDenied") || code.contains("UnrecognizedClient") ? "AccessDenied"
                    : code.contains("Throttl") ? "Throttled" : "Unavailable";
            throw new CatalogException(reason, SafeMessages.describe(e));
        }
    }

    /** Account and region from the cluster's ARN ({@code arn:aws:ecs:REGION:ACCOUNT:cluster/NAME}). */
    private static CatalogEntry entry(Cluster cluster, String region) {
        String[] arn = cluster.clusterArn().split(":", 6);
        Map<String, String> tags = cluster.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        return new CatalogEntry(arn.length > 4 ? arn[4] : "", arn.length > 3 ? arn[3] : region, cluster.clusterName(), tags);
    }
}

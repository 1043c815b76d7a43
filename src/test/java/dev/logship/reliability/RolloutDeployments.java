package dev.logship.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;

/**
 * What ECS itself recorded of a rollout, read over the SDK: per cluster the deployment of a
 * task definition, from its creation (the UpdateService or CreateService call) to its
 * completion (rolloutState COMPLETED). The operator counts a cluster in flight from before
 * that call until after it has observed the completion, so ECS's interval lies inside it.
 */
record RolloutDeployments(String cluster, Instant created, Instant completed) {

    /** The COMPLETED deployment of the only service of {@code cluster} that runs an image containing {@code image}. */
    static RolloutDeployments of(EcsClient sdk, String cluster, String image) {
        List<String> services = sdk.listServices(r -> r.cluster(cluster)).serviceArns();
        for (var service : sdk.describeServices(r -> r.cluster(cluster).services(services)).services()) {
            for (Deployment d : service.deployments()) {
                String td = d.taskDefinition();
                boolean runsImage = sdk.describeTaskDefinition(r -> r.taskDefinition(td)).taskDefinition().containerDefinitions()
                        .stream().anyMatch(c -> c.image().contains(image));
                if (runsImage && "COMPLETED".equals(d.rolloutStateAsString())) {
                    return new RolloutDeployments(cluster, d.createdAt(), d.updatedAt());
                }
            }
        }
        throw new AssertionError("no COMPLETED deployment of " + image + " on " + cluster);
    }

    /** The most deployments in flight at the same instant (a completion at t frees its slot before a creation at t). */
    static int maxInFlight(Collection<RolloutDeployments> deployments) {
        record Edge(Instant at, int delta) {}
        List<Edge> edges = new ArrayList<>();
        deployments.forEach(d -> {
            edges.add(new Edge(d.created(), 1));
            edges.add(new Edge(d.completed(), -1));
        });
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::delta));
        int now = 0;
        int most = 0;
        for (Edge e : edges) {
            now += e.delta();
            most = Math.max(most, now);
        }
        return most;
    }

    /** From the last completion of {@code earlier} to the first creation of {@code later}. */
    static Duration gap(Collection<RolloutDeployments> earlier, Collection<RolloutDeployments> later) {
        Instant lastDone = earlier.stream().map(RolloutDeployments::completed).max(Comparator.naturalOrder()).orElseThrow();
        Instant firstStart = later.stream().map(RolloutDeployments::created).min(Comparator.naturalOrder()).orElseThrow();
        return Duration.between(lastDone, firstStart);
    }
}

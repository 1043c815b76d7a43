package dev.logship.aws;

import static dev.logship.aws.AwsEcsGateway.call;

import dev.logship.model.LiveDaemon;
import dev.logship.model.TaskDefinitionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentRollbackMonitorsStatus;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;

/**
 * Observes a cluster's managed daemons. Calls per resync of D daemons on N instances:
 * ListDaemons ceil(D/100), DescribeDaemon D, DescribeDaemonDeployments ceil(D/20),
 * DescribeDaemonRevisions ceil(D/20), ListTagsForResource D, ListContainerInstances ceil(N/100)
 * and DescribeContainerInstances ceil(N/100) (which instance is in which capacity provider);
 * daemon task definitions are described once per revision ARN.
 */
final class DaemonObserver {
    private static final int BATCH = 20;
    private final EcsClient ecs;
    private final String cluster;
    private final Function<String, TaskDefinitionSpec> taskDefinitions;

    DaemonObserver(EcsClient ecs, String cluster, Function<String, TaskDefinitionSpec> taskDefinitions) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.taskDefinitions = taskDefinitions;
    }

    List<LiveDaemon> observe() {
        List<String> arns = new ArrayList<>();
        String token = null;
        do { // the service model has no paginator for ListDaemons
            String from = token;
            var page = call("ListDaemons", () -> ecs.listDaemons(r -> r.clusterArn(cluster).nextToken(from)));
            page.daemonSummariesList().forEach(s -> arns.add(s.daemonArn()));
            token = page.nextToken();
        } while (token != null);
        if (arns.isEmpty()) {
            return List.of();
        }
        List<DaemonDetail> details = arns.stream()
                .map(arn -> call("DescribeDaemon", () -> ecs.describeDaemon(r -> r.daemonArn(arn)).daemon())).toList();
        Map<String, DaemonDeployment> deployments = deployments(details.stream().map(DaemonDetail::deploymentArn)
                .filter(a -> a != null).toList());
        // Targets, sources and running revisions in one batch: their task definitions are what clean-up must keep.
        List<String> revisionArns = new ArrayList<>();
        deployments.values().forEach(d -> {
            if (d.targetDaemonRevision() != null) {
                revisionArns.add(d.targetDaemonRevision().arn());
            }
            d.sourceDaemonRevisions().forEach(r -> revisionArns.add(r.arn()));
        });
        details.forEach(d -> d.currentRevisions().forEach(r -> revisionArns.add(r.arn())));
        Map<String, DaemonRevision> revisions = revisions(revisionArns);
        Map<String, Integer> instancesByProvider = instancesByProvider();
        List<LiveDaemon> out = new ArrayList<>();
        for (DaemonDetail d : details) {
            DaemonDeployment deployment = deployments.get(d.deploymentArn());
            DaemonRevision target = deployment == null || deployment.targetDaemonRevision() == null ? null
                    : revisions.get(deployment.targetDaemonRevision().arn());
            var tags = call("ListTagsForResource", () -> ecs.listTagsForResource(r -> r.resourceArn(d.daemonArn())).tags());
            Set<String> inUse = new HashSet<>();
            List<String> used = new ArrayList<>();
            d.currentRevisions().forEach(r -> used.add(r.arn()));
            if (deployment != null) {
                deployment.sourceDaemonRevisions().forEach(r -> used.add(r.arn()));
                if (deployment.targetDaemonRevision() != null) {
                    used.add(deployment.targetDaemonRevision().arn());
                }
            }
            used.stream().map(revisions::get).filter(r -> r != null && r.daemonTaskDefinitionArn() != null)
                    .forEach(r -> inUse.add(r.daemonTaskDefinitionArn()));
            out.add(live(d, deployment, target, TaskDefinitionMapper.tagMap(tags), instancesByProvider, inUse));
        }
        return out;
    }

    private LiveDaemon live(DaemonDetail d, DaemonDeployment deployment, DaemonRevision target, Map<String, String> tags,
            Map<String, Integer> instancesByProvider, Set<String> inUse) {
        Set<String> providers = new HashSet<>();
        d.currentRevisions().forEach(r -> r.capacityProviders().forEach(cp -> providers.add(cp.arn())));
        int running = d.currentRevisions().stream().mapToInt(r -> r.totalRunningCount() == null ? 0 : r.totalRunningCount()).sum();
        int revisionsRunning = (int) d.currentRevisions().stream().filter(r -> r.totalRunningCount() != null && r.totalRunningCount() > 0).count();
        int instances = providers.stream().mapToInt(arn -> instancesByProvider.getOrDefault(arn.substring(arn.lastIndexOf('/') + 1), 0)).sum();
        var config = deployment == null ? null : deployment.deploymentConfiguration();
        String tdArn = target == null ? null : target.daemonTaskDefinitionArn();
        LiveDaemon.Deployment latest = deployment == null ? null : new LiveDaemon.Deployment(deployment.daemonDeploymentArn(),
                deployment.statusAsString(), deployment.statusReason(),
                deployment.circuitBreaker() != null
                        && deployment.circuitBreaker().status() == DaemonDeploymentRollbackMonitorsStatus.TRIGGERED,
                deployment.rollback() == null ? null : deployment.rollback().reason());
        var alarms = config == null ? null : config.alarms();
        return new LiveDaemon(d.daemonArn(), d.daemonArn().substring(d.daemonArn().lastIndexOf('/') + 1), d.statusAsString(),
                tdArn, tdArn == null ? null : taskDefinitions.apply(tdArn), List.copyOf(providers),
                config == null ? null : config.drainPercent(), config == null ? null : config.bakeTimeInMinutes(),
                alarms == null ? List.of() : alarms.alarmNames(), alarms != null && Boolean.TRUE.equals(alarms.enable()),
                tags, latest, running, revisionsRunning, instances, inUse);
    }

    private Map<String, DaemonDeployment> deployments(List<String> arns) {
        Map<String, DaemonDeployment> out = new HashMap<>();
        for (int i = 0; i < arns.size(); i += BATCH) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + BATCH));
            call("DescribeDaemonDeployments", () -> ecs.describeDaemonDeployments(r -> r.daemonDeploymentArns(batch)))
                    .daemonDeployments().forEach(d -> out.put(d.daemonDeploymentArn(), d));
        }
        return out;
    }

    private Map<String, DaemonRevision> revisions(List<String> arns) {
        Map<String, DaemonRevision> out = new HashMap<>();
        List<String> distinct = arns.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i += BATCH) {
            List<String> batch = distinct.subList(i, Math.min(distinct.size(), i + BATCH));
            call("DescribeDaemonRevisions", () -> ecs.describeDaemonRevisions(r -> r.daemonRevisionArns(batch)))
                    .daemonRevisions().forEach(r -> out.put(r.daemonRevisionArn(), r));
        }
        return out;
    }

    /** ACTIVE container instances per capacity provider name. */
    private Map<String, Integer> instancesByProvider() {
        List<String> arns = call("ListContainerInstances", () -> ecs.listContainerInstancesPaginator(r -> r.cluster(cluster)
                .status("ACTIVE")).containerInstanceArns().stream().toList());
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            call("DescribeContainerInstances", () -> ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(batch)))
                    .containerInstances().stream().filter(ci -> ci.capacityProviderName() != null)
                    .forEach(ci -> out.merge(ci.capacityProviderName(), 1, Integer::sum));
        }
        return out;
    }
}

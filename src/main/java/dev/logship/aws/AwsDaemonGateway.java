package dev.logship.aws;

import static dev.logship.aws.AwsEcsGateway.call;

import dev.logship.model.DaemonSpec;
import dev.logship.model.LiveDaemon;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.DaemonGateway;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DaemonPropagateTags;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatusFilter;
import software.amazon.awssdk.services.ecs.model.SortOrder;

/** {@link DaemonGateway} for one cluster over the AWS SDK; observing is {@link DaemonObserver}'s job. */
final class AwsDaemonGateway implements DaemonGateway {
    private final EcsClient ecs;
    private final String cluster;
    /** Daemon task definition revisions are immutable: described once per ARN (the map may be shared). */
    private final Map<String, TaskDefinitionSpec> described;
    /** Capacity provider name -> ARN (CreateDaemon takes ARNs; manifests may name them). */
    private final Map<String, String> providerArns = new ConcurrentHashMap<>();
    /** The limiter its client's calls draw from (null: none known), asked for revision clean-up's spare budget. */
    private EcsRateLimiter limiter;

    AwsDaemonGateway(EcsClient ecs, String cluster, Map<String, TaskDefinitionSpec> described) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.described = described;
    }

    AwsDaemonGateway pacedBy(EcsRateLimiter limiter) {
        this.limiter = limiter;
        return this;
    }

    @Override
    public dev.logship.sync.CallBudget budget(String action) {
        return limiter == null ? dev.logship.sync.CallBudget.UNLIMITED : limiter.budget(action);
    }

    @Override
    public List<LiveDaemon> observeDaemons() {
        return new DaemonObserver(ecs, cluster, this::describeDaemonTaskDefinition).observe();
    }

    @Override
    public Map<String, Object> daemonRequestDocument(TaskDefinitionSpec spec) {
        return DaemonTaskDefinitionMapper.desiredDocument(spec);
    }

    @Override
    public List<String> activeDaemonRevisionArns(String family) {
        List<String> out = new java.util.ArrayList<>();
        String token = null;
        do { // the service model has no paginator for ListDaemonTaskDefinitions
            String from = token;
            var page = call("ListDaemonTaskDefinitions", () -> ecs.listDaemonTaskDefinitions(r -> r.family(family)
                    .status(DaemonTaskDefinitionStatusFilter.ACTIVE).sort(SortOrder.DESC).nextToken(from)));
            page.daemonTaskDefinitions().forEach(d -> out.add(d.arn()));
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    @Override
    public String registerDaemonTaskDefinition(TaskDefinitionSpec spec) {
        return call("RegisterDaemonTaskDefinition",
                () -> ecs.registerDaemonTaskDefinition(DaemonTaskDefinitionMapper.toRequest(spec)).daemonTaskDefinitionArn());
    }

    @Override
    public TaskDefinitionSpec describeDaemonTaskDefinition(String arn) {
        return described.computeIfAbsent(arn, a -> {
            var td = call("DescribeDaemonTaskDefinition", () -> ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition(a)))
                    .daemonTaskDefinition();
            var tags = call("ListTagsForResource", () -> ecs.listTagsForResource(r -> r.resourceArn(a)).tags());
            return DaemonTaskDefinitionMapper.toSpec(td, tags);
        });
    }

    @Override
    public String createDaemon(DaemonSpec spec, String daemonTaskDefinitionArn) {
        List<String> providers = providerArns(spec);
        return call("CreateDaemon", () -> ecs.createDaemon(r -> {
            r.daemonName(spec.daemonName()).clusterArn(cluster).daemonTaskDefinitionArn(daemonTaskDefinitionArn)
                    .capacityProviderArns(providers).deploymentConfiguration(deployment(spec))
                    .propagateTags(DaemonPropagateTags.DAEMON);
            if (!spec.tags().isEmpty()) { // ECS refuses an empty tag list
                r.tags(TaskDefinitionMapper.tags(spec.tags()));
            }
        }).daemonArn());
    }

    @Override
    public void updateDaemon(String daemonArn, DaemonSpec spec, String daemonTaskDefinitionArn) {
        call("UpdateDaemon", () -> ecs.updateDaemon(r -> r.daemonArn(daemonArn).daemonTaskDefinitionArn(daemonTaskDefinitionArn)
                .capacityProviderArns(providerArns(spec)).deploymentConfiguration(deployment(spec))
                .propagateTags(DaemonPropagateTags.DAEMON)));
    }

    @Override
    public void deleteDaemon(String daemonArn) {
        call("DeleteDaemon", () -> ecs.deleteDaemon(r -> r.daemonArn(daemonArn)));
    }

    @Override
    public void deleteDaemonTaskDefinition(String arn) {
        call("DeleteDaemonTaskDefinition", () -> ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition(arn)));
        described.remove(arn);
    }

    private List<String> providerArns(DaemonSpec spec) {
        List<String> names = spec.capacityProviders().stream().filter(p -> !p.startsWith("arn:"))
                .filter(p -> !providerArns.containsKey(p)).toList();
        if (!names.isEmpty()) {
            call("DescribeCapacityProviders", () -> ecs.describeCapacityProviders(r -> r.capacityProviders(names)))
                    .capacityProviders().forEach(cp -> providerArns.put(cp.name(), cp.capacityProviderArn()));
        }
        return spec.capacityProviders().stream().map(p -> p.startsWith("arn:") ? p : providerArns.getOrDefault(p, p)).toList();
    }

    static DaemonDeploymentConfiguration deployment(DaemonSpec spec) {
        DaemonDeploymentConfiguration.Builder b = DaemonDeploymentConfiguration.builder()
                .drainPercent(spec.drainPercent()).bakeTimeInMinutes(spec.bakeTimeMinutes());
        if (!spec.alarmNames().isEmpty()) {
            b.alarms(a -> a.alarmNames(spec.alarmNames()).enable(spec.alarmRollback()));
        }
        return b.build();
    }
}

package dev.logship.aws;

import dev.logship.model.LiveCluster;
import dev.logship.model.LiveService;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.EcsGateway;
import dev.logship.sync.GatewayException;
import dev.logship.sync.ServiceUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** {@link EcsGateway} for one cluster over the AWS SDK; observing is {@link ClusterObserver}'s job. */
final class AwsEcsGateway implements EcsGateway {
    private static final Duration POLL = Duration.ofMillis(500);
    private final EcsClient ecs;
    private final String cluster;
    private final ClusterDescriptions descriptions;
    private final TaskDefinitionCache cache;
    /** The limiter its client's calls draw from (null: none known), asked for revision clean-up's spare budget. */
    private EcsRateLimiter limiter;

    AwsEcsGateway(EcsClient ecs, String cluster, ClusterDescriptions descriptions, TaskDefinitionCache cache) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.descriptions = descriptions;
        this.cache = cache;
    }

    /** The limiter this gateway's client draws from, so {@link #budget} can answer. */
    AwsEcsGateway pacedBy(EcsRateLimiter limiter) {
        this.limiter = limiter;
        return this;
    }

    @Override
    public dev.logship.sync.CallBudget budget(String action) {
        return limiter == null ? dev.logship.sync.CallBudget.UNLIMITED : limiter.budget(action);
    }

    @Override
    public LiveCluster observe(boolean exactActiveNodes) {
        return new ClusterObserver(ecs, cluster, descriptions, this::describeTaskDefinition).observe(exactActiveNodes);
    }

    @Override
    public List<LiveService> services(Collection<String> serviceNames) {
        return new ClusterObserver(ecs, cluster, descriptions, this::describeTaskDefinition).describe(List.copyOf(serviceNames));
    }

    @Override
    public List<String> activeRevisionArns(String family) {
        return call("ListTaskDefinitions", () -> ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix(family)
                .status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC).maxResults(100)).taskDefinitionArns().stream()
                .filter(arn -> family.equals(familyOf(arn))).toList());
    }

    @Override
    public TaskDefinitionSpec describeTaskDefinition(String arn) {
        return cache.get(arn,
                a -> call("DescribeTaskDefinition", () -> ecs.describeTaskDefinition(b -> b.taskDefinition(a).include(TaskDefinitionField.TAGS))),
                a -> call("ListTagsForResource", () -> ecs.listTagsForResource(b -> b.resourceArn(a)).tags()));
    }

    @Override
    public Map<String, Object> requestDocument(TaskDefinitionSpec spec) {
        return TaskDefinitionDocuments.desired(spec);
    }

    @Override
    public String register(TaskDefinitionSpec spec) {
        var response = call("RegisterTaskDefinition", () -> ecs.registerTaskDefinition(TaskDefinitionMapper.toRequest(spec)));
        String arn = response.taskDefinition().taskDefinitionArn();
        cache.put(arn, response.taskDefinition(), response.tags());
        return arn;
    }

    @Override
    public String createService(ServiceSpec spec, String taskDefinitionArn) {
        descriptions.written(cluster);
        return call("CreateService", () -> ecs.createService(ServiceMapper.toCreate(cluster, spec, taskDefinitionArn)))
                .service().serviceArn();
    }

    @Override
    public void updateService(String serviceName, ServiceUpdate update) {
        descriptions.written(cluster);
        call("UpdateService", () -> ecs.updateService(ServiceMapper.toUpdate(cluster, serviceName, update)));
    }

    @Override
    public void deleteService(String serviceName) {
        descriptions.written(cluster);
        call("DeleteService", () -> ecs.deleteService(r -> r.cluster(cluster).service(serviceName).force(true)));
    }

    @Override
    public boolean awaitServiceGone(String serviceName, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            DescribeServicesResponse r = call("DescribeServices", () -> ecs.describeServices(b -> b.cluster(cluster).services(serviceName)));
            if (r.services().stream().noneMatch(s -> !"INACTIVE".equals(s.status()))) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis()); // ECS offers no push notification for INACTIVE; poll with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public void tagResource(String arn, Map<String, String> tags) {
        call("TagResource", () -> ecs.tagResource(r -> r.resourceArn(arn).tags(TaskDefinitionMapper.tags(tags))));
        cache.tagsChanged(arn);
    }

    @Override
    public void untagResource(String arn, Set<String> keys) {
        call("UntagResource", () -> ecs.untagResource(r -> r.resourceArn(arn).tagKeys(keys)));
        cache.tagsChanged(arn);
    }

    @Override
    public void deregister(String taskDefinitionArn) {
        call("DeregisterTaskDefinition", () -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)));
    }

    static String familyOf(String arn) {
        String tail = arn.substring(arn.lastIndexOf('/') + 1);
        int colon = tail.lastIndexOf(':');
        return colon < 0 ? tail : tail.substring(0, colon);
    }

    /** Runs one SDK call (the SDK already retried); maps its failure to a message safe to show. */
    static <T> T call(String operation, Supplier<T> sdkCall) {
        try {
            return sdkCall.get();
        } catch (SdkException e) {
            throw new GatewayException(operation, SafeMessages.errorCode(e), SafeMessages.describe(e), e);
        }
    }
}

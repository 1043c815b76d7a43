package dev.logship.aws;

import dev.logship.model.DeploymentSpec;
import dev.logship.model.LiveService;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.ServiceUpdate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** Services between the SDK's shapes and logship's records. */
final class ServiceMapper {
    private ServiceMapper() {}

    static LiveService toLive(Service s, TaskDefinitionSpec taskDefinition) {
        DeploymentConfiguration dc = s.deploymentConfiguration();
        String rollout = s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                .map(Deployment::rolloutStateAsString).orElse(null);
        String latestEvent = s.events().isEmpty() ? null : s.events().get(0).message();
        return new LiveService(s.serviceArn(), s.serviceName(), s.status(),
                "DAEMON".equals(s.schedulingStrategyAsString()) ? SchedulingStrategy.DAEMON : SchedulingStrategy.REPLICA,
                nz(s.desiredCount()), nz(s.runningCount()), nz(s.pendingCount()), s.taskDefinition(), taskDefinition,
                s.placementConstraints().stream()
                        .map(c -> new dev.logship.model.PlacementConstraint(c.typeAsString(), c.expression())).toList(),
                dc == null ? null : new DeploymentSpec(dc.maximumPercent(), dc.minimumHealthyPercent(),
                        dc.deploymentCircuitBreaker() == null ? null : dc.deploymentCircuitBreaker().enable()),
                s.propagateTagsAsString(), TaskDefinitionMapper.tagMap(s.tags()), rollout, latestEvent);
    }

    /** The revisions a service may still run tasks of: its own and every deployment's but INACTIVE ones. */
    static Set<String> deployedRevisions(Service s) {
        Set<String> arns = new HashSet<>();
        if (s.taskDefinition() != null && !"INACTIVE".equals(s.status())) {
            arns.add(s.taskDefinition());
        }
        s.deployments().stream().filter(d -> !"INACTIVE".equals(d.status()) && d.taskDefinition() != null)
                .forEach(d -> arns.add(d.taskDefinition()));
        return arns;
    }

    static CreateServiceRequest toCreate(String cluster, ServiceSpec spec, String taskDefinitionArn) {
        CreateServiceRequest.Builder b = CreateServiceRequest.builder()
                .cluster(cluster)
                .serviceName(spec.serviceName())
                .taskDefinition(taskDefinitionArn)
                .launchType(LaunchType.EC2)
                .schedulingStrategy(spec.schedulingStrategy().name());
        if (spec.schedulingStrategy() == SchedulingStrategy.REPLICA) {
            b.desiredCount(spec.desiredCount() == null ? 0 : spec.desiredCount());
        }
        if (!spec.placementConstraints().isEmpty()) {
            b.placementConstraints(constraints(spec.placementConstraints()));
        }
        DeploymentSpec d = spec.deployment();
        if (d.maximumPercent() != null || d.minimumHealthyPercent() != null || d.circuitBreaker() != null) {
            b.deploymentConfiguration(configuration(d));
        }
        if (spec.propagateTags() != null) {
            b.propagateTags(spec.propagateTags());
        }
        if (!spec.tags().isEmpty()) {
            b.tags(TaskDefinitionMapper.tags(spec.tags()));
        }
        return b.build();
    }

    static UpdateServiceRequest toUpdate(String cluster, String serviceName, ServiceUpdate u) {
        UpdateServiceRequest.Builder b = UpdateServiceRequest.builder().cluster(cluster).service(serviceName)
                .taskDefinition(u.taskDefinitionArn()).desiredCount(u.desiredCount());
        if (u.placementConstraints() != null) {
            b.placementConstraints(constraints(u.placementConstraints()));
        }
        if (u.deployment() != null) {
            b.deploymentConfiguration(configuration(u.deployment()));
        }
        if (u.propagateTags() != null) {
            b.propagateTags(u.propagateTags());
        }
        return b.build();
    }

    /** ECS's deployment configuration; the circuit breaker never rolls back by itself (see DeploymentSpec). */
    private static DeploymentConfiguration configuration(DeploymentSpec d) {
        DeploymentConfiguration.Builder b = DeploymentConfiguration.builder()
                .maximumPercent(d.maximumPercent()).minimumHealthyPercent(d.minimumHealthyPercent());
        if (d.circuitBreaker() != null) {
            b.deploymentCircuitBreaker(cb -> cb.enable(d.circuitBreaker()).rollback(false));
        }
        return b.build();
    }

    private static List<PlacementConstraint> constraints(List<dev.logship.model.PlacementConstraint> constraints) {
        return constraints.stream().map(c -> PlacementConstraint.builder().type(c.type()).expression(c.expression()).build())
                .toList();
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}

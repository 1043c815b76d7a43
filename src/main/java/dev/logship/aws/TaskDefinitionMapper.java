package dev.logship.aws;

import dev.logship.model.ContainerSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HostVolumeProperties;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Task definitions between the SDK's shapes and logship's records (ECS's defaults made explicit).
 * A described revision also carries its complete input as plain data ({@link TaskDefinitionDocuments}).
 */
final class TaskDefinitionMapper {
    private TaskDefinitionMapper() {}

    static TaskDefinitionSpec toSpec(TaskDefinition td, List<Tag> tags) {
        List<ContainerSpec> containers = td.containerDefinitions().stream().map(TaskDefinitionMapper::container).toList();
        List<dev.logship.model.Volume> volumes = td.volumes().stream()
                .map(v -> new dev.logship.model.Volume(v.name(), v.host() == null ? null : v.host().sourcePath()))
                .toList();
        List<dev.logship.model.PlacementConstraint> constraints = td.placementConstraints().stream()
                .map(c -> new dev.logship.model.PlacementConstraint(c.typeAsString(), c.expression()))
                .toList();
        return new TaskDefinitionSpec(td.family(), td.networkModeAsString(), td.requiresCompatibilitiesAsStrings(),
                containers, volumes, constraints, tagMap(tags), td.executionRoleArn(), td.taskRoleArn(), TaskDefinitionDocuments.live(td, tags));
    }

    private static ContainerSpec container(ContainerDefinition c) {
        return new ContainerSpec(c.name(), c.image(), c.cpu() == null ? 0 : c.cpu(), c.memory(), c.memoryReservation(),
                c.essential() == null || c.essential(), c.command(), ContainerParts.environmentOf(c.environment()),
                ContainerParts.secretsOf(c.secrets()),
                c.portMappings().stream().map(p -> new dev.logship.model.PortMapping(
                        p.containerPort() == null ? 0 : p.containerPort(), p.hostPort() == null ? 0 : p.hostPort(),
                        p.protocolAsString())).toList(),
                ContainerParts.mountPointsOf(c.mountPoints()), ContainerParts.healthCheckOf(c.healthCheck()));
    }

    static RegisterTaskDefinitionRequest toRequest(TaskDefinitionSpec spec) {
        RegisterTaskDefinitionRequest.Builder b = RegisterTaskDefinitionRequest.builder()
                .family(spec.family())
                .containerDefinitions(spec.containers().stream().map(TaskDefinitionMapper::definition).toList());
        if (spec.networkMode() != null) {
            b.networkMode(spec.networkMode());
        }
        if (!spec.requiresCompatibilities().isEmpty()) {
            b.requiresCompatibilitiesWithStrings(spec.requiresCompatibilities());
        }
        if (!spec.volumes().isEmpty()) {
            b.volumes(spec.volumes().stream().map(v -> Volume.builder().name(v.name())
                    .host(v.hostSourcePath() == null ? null : HostVolumeProperties.builder().sourcePath(v.hostSourcePath()).build())
                    .build()).toList());
        }
        if (!spec.placementConstraints().isEmpty()) {
            b.placementConstraints(spec.placementConstraints().stream().map(c -> TaskDefinitionPlacementConstraint.builder()
                    .type(c.type()).expression(c.expression()).build()).toList());
        }
        if (spec.executionRoleArn() != null) {
            b.executionRoleArn(spec.executionRoleArn());
        }
        if (spec.taskRoleArn() != null) {
            b.taskRoleArn(spec.taskRoleArn());
        }
        if (!spec.tags().isEmpty()) {
            b.tags(tags(spec.tags()));
        }
        return b.build();
    }

    private static ContainerDefinition definition(ContainerSpec c) {
        ContainerDefinition.Builder b = ContainerDefinition.builder().name(c.name()).image(c.image())
                .cpu(c.cpu()).essential(c.essential()).memory(c.memory()).memoryReservation(c.memoryReservation());
        if (!c.command().isEmpty()) {
            b.command(c.command());
        }
        if (!c.environment().isEmpty()) {
            b.environment(ContainerParts.environment(c));
        }
        if (!c.secrets().isEmpty()) {
            b.secrets(ContainerParts.secrets(c));
        }
        if (!c.portMappings().isEmpty()) {
            b.portMappings(c.portMappings().stream().map(p -> PortMapping.builder().containerPort(p.containerPort())
                    .hostPort(p.hostPort()).protocol(p.protocol() == null ? "tcp" : p.protocol()).build()).toList());
        }
        if (!c.mountPoints().isEmpty()) {
            b.mountPoints(ContainerParts.mountPoints(c));
        }
        if (c.healthCheck() != null) {
            b.healthCheck(ContainerParts.healthCheck(c));
        }
        return b.build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> out = new TreeMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }
}

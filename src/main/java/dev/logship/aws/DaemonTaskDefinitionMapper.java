package dev.logship.aws;

import dev.logship.model.ContainerSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonVolume;
import software.amazon.awssdk.services.ecs.model.HostVolumeProperties;
import software.amazon.awssdk.services.ecs.model.RegisterDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * A forwarder's task definition as a daemon task definition. Daemon task definitions have no
 * network mode, port mappings, compatibilities or placement constraints; what logship renders
 * for a managed daemon has none either. Both sides of the comparison are the request as plain
 * data from the SDK's field metadata ({@link SdkDocuments}), as for service task definitions.
 */
final class DaemonTaskDefinitionMapper {
    /** Every field RegisterDaemonTaskDefinition accepts, by its JSON name. */
    static final Set<String> INPUT = SdkDocuments.fieldNames(RegisterDaemonTaskDefinitionRequest.builder().build());

    private DaemonTaskDefinitionMapper() {}

    static RegisterDaemonTaskDefinitionRequest toRequest(TaskDefinitionSpec spec) {
        if (!spec.placementConstraints().isEmpty() || spec.containers().stream().anyMatch(c -> !c.portMappings().isEmpty())) {
            throw new IllegalArgumentException("a daemon task definition has no placement constraints or port mappings: "
                    + spec.family());
        }
        RegisterDaemonTaskDefinitionRequest.Builder b = RegisterDaemonTaskDefinitionRequest.builder().family(spec.family())
                .containerDefinitions(spec.containers().stream().map(DaemonTaskDefinitionMapper::definition).toList());
        if (!spec.volumes().isEmpty()) {
            b.volumes(spec.volumes().stream().map(v -> DaemonVolume.builder().name(v.name())
                    .host(v.hostSourcePath() == null ? null : HostVolumeProperties.builder().sourcePath(v.hostSourcePath()).build())
                    .build()).toList());
        }
        if (spec.executionRoleArn() != null) {
            b.executionRoleArn(spec.executionRoleArn());
        }
        if (spec.taskRoleArn() != null) {
            b.taskRoleArn(spec.taskRoleArn());
        }
        if (!spec.tags().isEmpty()) {
            b.tags(TaskDefinitionMapper.tags(spec.tags()));
        }
        return b.build();
    }

    static Map<String, Object> desiredDocument(TaskDefinitionSpec spec) {
        return SdkDocuments.of(toRequest(spec));
    }

    /** A described revision reduced to RegisterDaemonTaskDefinition's fields, plus its tags. */
    static Map<String, Object> liveDocument(DaemonTaskDefinition described, List<Tag> tags) {
        Map<String, Object> out = new TreeMap<>(SdkDocuments.of(described));
        out.keySet().retainAll(INPUT);
        out.remove("tags");
        Object plainTags = SdkDocuments.plain(tags);
        if (plainTags != null) {
            out.put("tags", plainTags);
        }
        return out;
    }

    static TaskDefinitionSpec toSpec(DaemonTaskDefinition td, List<Tag> tags) {
        List<ContainerSpec> containers = td.containerDefinitions().stream().map(DaemonTaskDefinitionMapper::container).toList();
        List<dev.logship.model.Volume> volumes = td.volumes().stream()
                .map(v -> new dev.logship.model.Volume(v.name(), v.host() == null ? null : v.host().sourcePath())).toList();
        return new TaskDefinitionSpec(td.family(), null, List.of(), containers, volumes, List.of(),
                TaskDefinitionMapper.tagMap(tags), td.executionRoleArn(), td.taskRoleArn(), liveDocument(td, tags));
    }

    private static ContainerSpec container(DaemonContainerDefinition c) {
        return new ContainerSpec(c.name() == null ? "" : c.name(), c.image(), c.cpu() == null ? 0 : c.cpu(), c.memory(),
                c.memoryReservation(), c.essential() == null || c.essential(), c.command(),
                ContainerParts.environmentOf(c.environment()), ContainerParts.secretsOf(c.secrets()), List.of(),
                ContainerParts.mountPointsOf(c.mountPoints()), ContainerParts.healthCheckOf(c.healthCheck()));
    }

    private static DaemonContainerDefinition definition(ContainerSpec c) {
        DaemonContainerDefinition.Builder b = DaemonContainerDefinition.builder().name(c.name()).image(c.image())
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
        if (!c.mountPoints().isEmpty()) {
            b.mountPoints(ContainerParts.mountPoints(c));
        }
        if (c.healthCheck() != null) {
            b.healthCheck(ContainerParts.healthCheck(c));
        }
        return b.build();
    }
}

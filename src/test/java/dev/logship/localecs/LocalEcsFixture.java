package dev.logship.localecs;

import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * The task definition the local-ecs contract tests register (clients and the per-class server
 * are the test kit's: {@link dev.logship.testkit.EcsClients}, {@link dev.logship.testkit.LocalEcs}).
 */
final class LocalEcsFixture {
    private LocalEcsFixture() {
    }

    /** The seed's logspout task: a fixed host port so ECS places at most one per node. */
    static RegisterTaskDefinitionRequest logspout(String family, int hostPort) {
        return RegisterTaskDefinitionRequest.builder()
                .family(family)
                .containerDefinitions(ContainerDefinition.builder()
                        .name("logspout").image("gliderlabs/logspout").memory(128).cpu(1)
                        .portMappings(PortMapping.builder().containerPort(hostPort).hostPort(hostPort).build())
                        .command("syslog+tls://logs.example.com:12345")
                        .build())
                .build();
    }
}

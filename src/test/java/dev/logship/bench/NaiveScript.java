package dev.logship.bench;

import dev.logship.testkit.Fleet;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.HostVolumeProperties;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * The seed's imperative approach, written plainly with the Java SDK and its default client
 * settings: for each cluster in turn, for each of its forwarders, RegisterTaskDefinition, then
 * CreateService, or UpdateService when the service exists. Unlike the seed it carries on after
 * a failed call (counting it), so one throttled call does not end the run.
 */
final class NaiveScript {
    record Result(long wallMillis, int errors, List<String> sampleErrors) {}

    private NaiveScript() {}

    static Result run(URI endpoint, Map<String, List<String>> forwardersByCluster, int nodesPerCluster) {
        long start = System.nanoTime();
        int errors = 0;
        List<String> samples = new java.util.ArrayList<>();
        try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.of(Fleet.REGION))
                .credentialsProvider(Ecs.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            for (Map.Entry<String, List<String>> cluster : forwardersByCluster.entrySet()) {
                int port = 1234;
                for (String forwarder : cluster.getValue()) {
                    try {
                        deploy(ecs, cluster.getKey(), forwarder, port++, nodesPerCluster);
                    } catch (EcsException e) {
                        errors++;
                        if (samples.size() < 3) {
                            samples.add(cluster.getKey() + "/" + forwarder + ": " + e.awsErrorDetails().errorCode());
                        }
                    }
                }
            }
        }
        return new Result((System.nanoTime() - start) / 1_000_000, errors, samples);
    }

    private static void deploy(EcsClient ecs, String cluster, String forwarder, int hostPort, int nodes) {
        String arn = ecs.registerTaskDefinition(r -> r.family("logspout-" + forwarder)
                .containerDefinitions(ContainerDefinition.builder().name("logspout").image("gliderlabs/logspout")
                        .essential(true).memory(128).cpu(1)
                        // the seed's trick: a dummy host port makes ECS place one task per node
                        .portMappings(PortMapping.builder().containerPort(1234).hostPort(hostPort).protocol(TransportProtocol.TCP).build())
                        .mountPoints(MountPoint.builder().containerPath("/tmp/docker.sock").sourceVolume("dockersock").build())
                        .command("syslog+tls://logs3.papertrailapp.com:12345").build())
                .volumes(Volume.builder().name("dockersock").host(HostVolumeProperties.builder().sourcePath("/var/run/docker.sock").build()).build()))
                .taskDefinition().taskDefinitionArn();
        boolean exists = ecs.describeServices(r -> r.cluster(cluster).services(forwarder)).services().stream()
                .anyMatch(s -> "ACTIVE".equals(s.status()));
        if (exists) {
            ecs.updateService(r -> r.cluster(cluster).service(forwarder).taskDefinition(arn).desiredCount(nodes));
        } else {
            ecs.createService(r -> r.cluster(cluster).serviceName(forwarder).taskDefinition(arn).desiredCount(nodes));
        }
    }
}

package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.faults.Faults;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.LocalEcs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.ServerException;

/** The wire protocol as clients see it: AWS JSON 1.1 bodies, error shapes, regions, faults. */
class ProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final LocalEcs LOCAL = LocalEcs.with(LocalEcsConfig.builder().cluster("prod", 1).build());

    private static HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(LOCAL.server().endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unsignedRequestsWorkAndTimestampsAreEpochSecondNumbers() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition",
                "{\"family\":\"raw\",\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"busybox\",\"memory\":16}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        JsonNode registeredAt = JSON.readTree(response.body()).path("taskDefinition").path("registeredAt");
        assertThat(registeredAt.isNumber()).isTrue();
        assertThat(registeredAt.asDouble()).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
    }

    @Test
    void errorsCarryTypeInHeaderAndBody() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.ListServices", "{\"cluster\":\"ghost\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ClusterNotFoundException");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo("ClusterNotFoundException");
        assertThat(body.path("message").asText()).isEqualTo("Cluster not found.");
    }

    @Test
    void unknownActionsAndBadBodiesAreClear400sNever500sOrHtml() throws Exception {
        HttpResponse<String> unknown = post("AmazonEC2ContainerServiceV20141113.LaunchRockets", "{}");
        HttpResponse<String> noTarget = post(null, "{}");
        HttpResponse<String> badJson = post("AmazonEC2ContainerServiceV20141113.ListClusters", "{not json");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("message").asText()).contains("LaunchRockets");
        assertThat(noTarget.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noTarget.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badJson.body()).path("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void theSdkMapsErrorsToTheirExceptionClasses() {
        assertThatThrownBy(() -> LOCAL.ecs().listServices(r -> r.cluster("ghost"))).isInstanceOf(ClusterNotFoundException.class);

        LOCAL.server().setFaults(new Faults(1, 0, 0, 0));
        assertThatThrownBy(() -> LOCAL.ecs().listClusters()).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.isThrottlingException()).isTrue();
        });

        LOCAL.server().setFaults(new Faults(0, 1, 0, 0));
        assertThatThrownBy(() -> LOCAL.ecs().listClusters()).isInstanceOfSatisfying(ServerException.class,
                e -> assertThat(e.statusCode()).isEqualTo(500));

        LOCAL.server().setFaults(new Faults(0, 0, 1, 0));
        assertThatThrownBy(() -> LOCAL.ecs().listClusters()).isInstanceOf(SdkClientException.class);
    }

    @Test
    void everyCallIsCountedIncludingFaultedOnes() {
        LOCAL.server().setFaults(new Faults(1, 0, 0, 0));
        assertThatThrownBy(() -> LOCAL.ecs().listClusters()).isInstanceOf(EcsException.class);
        LOCAL.server().setFaults(Faults.none());
        LOCAL.ecs().listClusters();
        LOCAL.ecs().describeClusters(r -> r.clusters("prod"));

        assertThat(LOCAL.server().callCounts()).containsEntry("ListClusters", 2L).containsEntry("DescribeClusters", 1L);
        assertThat(LOCAL.server().errorCounts()).containsEntry("ListClusters:ThrottlingException", 1L);
        assertThat(LOCAL.server().mutatingCallCounts()).isEmpty();
        LOCAL.ecs().createCluster(r -> r.clusterName("more"));
        assertThat(LOCAL.server().mutatingCallCounts()).containsExactlyEntriesOf(java.util.Map.of("CreateCluster", 1L));
        LOCAL.server().resetCallCounts();
        assertThat(LOCAL.server().callCounts()).isEmpty();
    }

    @Test
    void sdkRetriesRideOutThrottlingAndDroppedConnections() {
        int succeeded = 0;
        try (EcsClient retrying = EcsClients.withQuickRetries(LOCAL.server().endpoint())) {
            LOCAL.server().setFaults(new Faults(0.25, 0, 0.25, 0));
            for (int i = 0; i < 20; i++) {
                // Each attempt fails with probability 0.5; standard mode makes up to 3 attempts.
                try {
                    retrying.listClusters();
                    succeeded++;
                } catch (SdkClientException | EcsException tolerated) {
                    // three failures in a row happen (1 in 8); the counts below are what matter
                }
            }
        }
        // Twenty calls without a single fault has odds of one in a million.
        assertThat(LOCAL.server().callCounts().get("ListClusters")).isGreaterThan(20L);
        assertThat(LOCAL.server().errorCounts()).containsKeys("ListClusters:ThrottlingException", "ListClusters:DroppedConnection");
        assertThat(succeeded).isGreaterThan(10);
    }

    @Test
    void latencyIsAddedToEveryCall() {
        LOCAL.server().setFaults(Faults.latency(200));
        long started = System.nanoTime();
        LOCAL.ecs().listClusters();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void arnsUseTheRegionTheCallerSignedFor() {
        try (EcsClient ireland = EcsClients.of(LOCAL.server().endpoint(), Region.EU_WEST_1.id())) {
            assertThat(ireland.createCluster(r -> r.clusterName("dublin")).cluster().clusterArn())
                    .isEqualTo("arn:aws:ecs:eu-west-1:000000000000:cluster/dublin");
        }
    }

    @Test
    void clustersMadeAtStartUseTheConfiguredRegion() throws Exception {
        try (LocalEcsServer frankfurt = LocalEcsServer.start(LocalEcsConfig.builder().region("eu-central-1")
                .cluster("prod", 1).build());
                EcsClient client = EcsClients.of(frankfurt.endpoint(), Region.EU_CENTRAL_1.id())) {
            assertThat(client.listClusters().clusterArns()).containsExactly("arn:aws:ecs:eu-central-1:000000000000:cluster/prod");
        }
    }

    @Test
    void adminPathsAreNeverTakenForEcsCalls() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(LOCAL.server().endpoint() + "/_localecs/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(LOCAL.server().callCounts()).isEmpty();
    }
}

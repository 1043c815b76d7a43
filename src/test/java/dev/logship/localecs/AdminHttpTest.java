package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.testkit.EcsClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** The admin API under /_localecs/ over real HTTP, as benchmarks and the demo drive it. */
class AdminHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalEcsServer server;
    private static EcsClient ecs;

    @BeforeAll
    static void start() {
        server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 1).build());
        ecs = EcsClients.withoutRetries(server.endpoint());
    }

    @AfterAll
    static void stop() {
        ecs.close();
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/_localecs/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void nodesFaultsThrottlingCallsAndResetOverHttp() throws Exception {
        assertThat(json(call("POST", "nodes", "{\"cluster\":\"edge\",\"count\":4}")).path("edge").asInt()).isEqualTo(4);
        assertThat(ecs.listContainerInstances(r -> r.cluster("edge")).containerInstanceArns()).hasSize(4);
        assertThat(json(call("GET", "state", null)).path("clusters").path("edge").path("nodes").size()).isEqualTo(4);

        json(call("POST", "faults", "{\"throttleShare\":1.0}"));
        assertThat(json(call("GET", "faults", null)).path("throttleShare").asDouble()).isEqualTo(1.0);
        try {
            ecs.listClusters();
        } catch (EcsException expected) {
            assertThat(expected.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        }
        json(call("POST", "faults", "{}"));

        JsonNode calls = json(call("GET", "calls", null));
        assertThat(calls.path("calls").path("ListContainerInstances").asLong()).isEqualTo(1);
        assertThat(calls.path("calls").path("ListClusters").asLong()).isEqualTo(1);
        assertThat(calls.path("errors").path("ListClusters:ThrottlingException").asLong()).isEqualTo(1);

        assertThat(json(call("POST", "throttling", "{\"enabled\":true}")).path("enabled").asBoolean()).isTrue();
        assertThat(server.throttling()).isTrue();
        json(call("POST", "throttling", "{\"enabled\":false}"));

        json(call("POST", "reset", null));
        assertThat(json(call("GET", "nodes", null)).has("edge")).isFalse();
        assertThat(json(call("GET", "calls", null)).path("calls").size()).isZero();
    }

    @Test
    void badAdminRequestsSayWhatIsWrong() throws Exception {
        HttpResponse<String> unknown = call("GET", "nope", null);
        HttpResponse<String> missing = call("POST", "nodes", "{\"cluster\":\"x\"}");
        HttpResponse<String> badShare = call("POST", "faults", "{\"throttleShare\":2}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("count");
        assertThat(badShare.statusCode()).isEqualTo(400);
        assertThat(badShare.body()).contains("throttleShare");
    }
}

package dev.logship.fluentbit.receivers;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The task-role credentials endpoint the ECS agent serves at 169.254.170.2 for a task with a
 * {@code taskRoleArn}: GET {@value #RELATIVE_URI} (the value ECS puts in
 * {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}) answers temporary credentials; the receivers'
 * SigV4 check accepts only these.
 */
final class EcsCredentials {
    static final String RELATIVE_URI = "/v2/credentials/0f1e2d3c-logship-test";

    private EcsCredentials() {}

    static void start(String roleArn) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(Destination.ECS_CREDENTIALS_ADDRESS),
                80), 20);
        server.createContext("/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals(RELATIVE_URI);
            byte[] body = (known ? """
                    {"RoleArn":"%s","AccessKeyId":"%s","SecretAccessKey":"%s","Token":"%s","Expiration":"%s"}"""
                    .formatted(roleArn, SigV4.ACCESS_KEY, SigV4.SECRET_KEY, SigV4.SESSION_TOKEN,
                            Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS))
                    : "{\"message\":\"no credentials\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}

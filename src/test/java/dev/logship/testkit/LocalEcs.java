package dev.logship.testkit;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * One local-ecs and one SDK client (no retries, so every error shape is seen as sent) per test
 * class, reset to its configuration before each test: starting a server per test costs more than
 * the test, and a reset gives each test the same fresh ECS. Use it as
 * {@code @RegisterExtension static final LocalEcs ECS = LocalEcs.with(config);}.
 */
public final class LocalEcs implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final LocalEcsConfig config;
    private LocalEcsServer server;
    private EcsClient ecs;

    private LocalEcs(LocalEcsConfig config) {
        this.config = config;
    }

    public static LocalEcs with(LocalEcsConfig config) {
        return new LocalEcs(config);
    }

    public LocalEcsServer server() {
        return server;
    }

    /** The SDK client without retries. */
    public EcsClient ecs() {
        return ecs;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalEcsServer.start(config);
        ecs = EcsClients.withoutRetries(server.endpoint());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ecs.close();
        server.close();
    }
}

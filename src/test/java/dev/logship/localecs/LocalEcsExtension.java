package dev.logship.localecs;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * One local-ecs and one SDK client (no retries, so every error shape is seen as sent) per
 * test class, reset before each test: the set-up every contract test shares.
 */
final class LocalEcsExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final LocalEcsConfig config;
    private LocalEcsServer server;
    private EcsClient ecs;

    LocalEcsExtension(LocalEcsConfig config) {
        this.config = config;
    }

    LocalEcsServer server() {
        return server;
    }

    EcsClient ecs() {
        return ecs;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalEcsServer.start(config);
        ecs = LocalEcsFixture.clientWithoutRetries(server);
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

package dev.logship.localecs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ECS actions {@link ApiHandler} serves: the engine implements it, so the HTTP face owns its
 * interface and needs nothing of clusters, services or daemons.
 */
public interface EcsActions {
    boolean supports(String action);

    /** Serves one call of this account; throws {@link EcsError} with ECS's error type on failure. */
    ObjectNode handle(String action, JsonNode body, String region, String account);
}

package dev.logship.manifest;

import java.util.Objects;

/**
 * A route URI kept out of Git: the SSM parameter name/ARN or Secrets Manager ARN that ECS
 * resolves into logspout's {@code ROUTE_URIS} at task start.
 */
public record RouteSecret(Store store, String valueFrom) {
    public enum Store { SSM, SECRETS_MANAGER }

    public RouteSecret {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(valueFrom, "valueFrom");
    }
}

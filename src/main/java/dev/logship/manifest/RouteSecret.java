package dev.logship.manifest;

import java.util.Objects;

/**
 * A route kept out of Git, resolved by ECS at task start. For logspout, {@code valueFrom} (SSM
 * parameter or Secrets Manager ARN) holds whole route URIs for {@code ROUTE_URIS}. Fluent Bit
 * cannot split a URI, so for it {@code scheme} is in the manifest and {@code hostFrom} and
 * {@code portFrom} are two ECS {@code valueFrom}s: two SSM parameters, or two JSON keys of one
 * secret ({@code ARN:host::}); {@code valueFrom} is then the secret or the host parameter.
 */
public record RouteSecret(Store store, String valueFrom, String scheme, String hostFrom, String portFrom) {
    public enum Store { SSM, SECRETS_MANAGER }

    public RouteSecret(Store store, String valueFrom) {
        this(store, valueFrom, null, null, null);
    }

    public RouteSecret {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(valueFrom, "valueFrom");
        if ((hostFrom == null) != (portFrom == null) || (hostFrom != null && scheme == null)) {
            throw new IllegalArgumentException("a split route secret needs scheme, hostFrom and portFrom");
        }
    }

    /** True when host and port come separately (the Fluent Bit form). */
    public boolean split() {
        return hostFrom != null;
    }
}

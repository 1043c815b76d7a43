package dev.logship.manifest;

/** Values a manifest gets when it leaves a field out; documented in README.md (Manifest reference). */
public final class Defaults {
    /** Pinned: an unpinned image would change under a running cluster. 3.2.14 is the last v3 release. */
    public static final String IMAGE = "gliderlabs/logspout:v3.2.14";
    /**
     * The official image (distroless, no shell): ENTRYPOINT {@code /fluent-bit/bin/fluent-bit}, so a
     * task definition's command is Fluent Bit's arguments. Pinned like logspout's.
     */
    public static final String FLUENT_BIT_IMAGE = "fluent/fluent-bit:5.1.1";
    /** Disk a Fluent Bit forwarder may fill on each node while its endpoint is down: 256 MiB. */
    public static final long BUFFER_LIMIT = 256L << 20;
    /** The seed's values: logspout is tiny. ECS needs memory or memoryReservation on EC2. */
    public static final int CPU = 1;
    public static final int MEMORY = 128;
    /** The seed's dummy port: it only exists so ECS cannot place two copies on one node. */
    public static final int HOST_PORT = 1234;
    public static final String DOCKER_SOCKET = "/var/run/docker.sock";

    private Defaults() {}
}

package dev.logship.manifest;

/** Values a manifest gets when it leaves a field out; documented in README.md (Manifest reference). */
public final class Defaults {
    /** Pinned: an unpinned image would change under a running cluster. 3.2.14 is the last v3 release. */
    public static final String IMAGE = "gliderlabs/logspout:v3.2.14";
    /** The seed's values: logspout is tiny. ECS needs memory or memoryReservation on EC2. */
    public static final int CPU = 1;
    public static final int MEMORY = 128;
    /** The seed's dummy port: it only exists so ECS cannot place two copies on one node. */
    public static final int HOST_PORT = 1234;
    public static final String DOCKER_SOCKET = "/var/run/docker.sock";

    private Defaults() {}
}

package dev.logship.model;

/** A container port mapping; {@code hostPort} 0 means "dynamic" in bridge mode, protocol null means tcp. */
public record PortMapping(int containerPort, int hostPort, String protocol) {}

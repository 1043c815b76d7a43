package dev.logship.model;

/** A volume mounted into a container. */
public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {}

package dev.logship.model;

/** A task definition volume backed by a path on the node (bind mount). */
public record Volume(String name, String hostSourcePath) {}

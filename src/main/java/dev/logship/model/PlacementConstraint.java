package dev.logship.model;

/** An ECS placement constraint: type {@code memberOf} or {@code distinctInstance}, expression optional. */
public record PlacementConstraint(String type, String expression) {}

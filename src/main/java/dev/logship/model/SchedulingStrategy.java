package dev.logship.model;

/** ECS service scheduling strategies logship uses. */
public enum SchedulingStrategy { DAEMON, REPLICA }

package dev.logship.rollout;

/** What the planner needs to know of a cluster's health on the commit it runs. */
public enum ClusterHealth { HEALTHY, PROGRESSING, DEGRADED }

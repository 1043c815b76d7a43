package dev.logship.reconcile;

/** A commit that failed validation: nothing of it is applied until a newer valid commit arrives. */
record Stall(String revision, String message) {}

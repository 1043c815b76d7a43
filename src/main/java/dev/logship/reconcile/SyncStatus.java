package dev.logship.reconcile;

/** Whether ECS equals Git: Synced, OutOfSync (a plan is pending or failed), Unknown (not observed yet). */
public enum SyncStatus { Synced, OutOfSync, Unknown }

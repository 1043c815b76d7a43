package dev.logship.delivery;

/**
 * Whether a forwarder's records arrive, worst first within the states telemetry can tell:
 * {@code DeliveryFailing} (errors or retries and no successful output for the window, or records
 * dropped), {@code Silent} (a node that runs the task sends no telemetry), {@code Delivering}
 * (output keeps up, no sustained errors), {@code Unknown} (telemetry is off, or nothing runs).
 */
public enum DeliveryState {
    DeliveryFailing, Silent, Delivering, Unknown;

    /** The worse of two states (a cluster is as bad as its worst forwarder). */
    public DeliveryState worse(DeliveryState other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}

package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What local-ecs knows of capacity providers and managed daemons, as plain fields so Jackson
 * saves and reloads it with the rest of the state. Guarded by the engine's lock.
 */
public final class DaemonsState {
    /** Capacity providers by name (names are unique per account and region). */
    public Map<String, CapacityProviderState> capacityProviders = new LinkedHashMap<>();
    /** Daemon task definition revisions per family; index i holds revision i + 1. */
    public Map<String, List<ObjectNode>> families = new TreeMap<>();
    /** Daemons by ARN, while ACTIVE or DELETE_IN_PROGRESS. */
    public Map<String, DaemonState> daemons = new LinkedHashMap<>();
    /** Daemon revisions by ARN; immutable once made. */
    public Map<String, RevisionState> revisions = new LinkedHashMap<>();
    /** Daemon deployments by ARN, oldest first. */
    public Map<String, DeploymentState> deployments = new LinkedHashMap<>();
    public long sequence;

    List<ObjectNode> revisionsOf(String family) {
        return families.computeIfAbsent(family, f -> new ArrayList<>());
    }

    String nextId() {
        return String.format("%032x", ++sequence);
    }
}

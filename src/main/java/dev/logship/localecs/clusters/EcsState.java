package dev.logship.localecs.clusters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.daemons.DaemonsState;
import dev.logship.localecs.resources.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything local-ecs knows, as plain mutable fields so Jackson can save and reload it.
 * Guarded by the engine's lock; never handed out.
 */
public final class EcsState {
    /** Clusters by name, including INACTIVE ones (ECS still describes them). */
    public Map<String, ClusterState> clusters = new LinkedHashMap<>();
    /** Task definition revisions per family, index i holds revision i + 1, as ECS renders them. */
    public Map<String, List<ObjectNode>> families = new TreeMap<>();
    /** Tags by resource ARN, in insertion order. */
    public Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    /** Counter behind generated ids, so ids stay unique across restarts. */
    public long sequence;
    /** Capacity providers and managed daemons (their own sub-package). */
    public DaemonsState daemons = new DaemonsState();

    long next() {
        return ++sequence;
    }
}

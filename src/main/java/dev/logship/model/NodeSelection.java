package dev.logship.model;

import java.util.List;

/**
 * The nodes ECS can place a perNodePort forwarder's task on: ACTIVE (the observation lists only
 * those), agent connected (ECS places nothing on a disconnected agent) and satisfying every
 * memberOf constraint. distinctInstance changes nothing: one task per node is the point anyway.
 */
public final class NodeSelection {
    private NodeSelection() {}

    public static int count(List<LiveNode> nodes, List<PlacementConstraint> constraints) {
        return eligible(nodes, constraints).size();
    }

    private static List<LiveNode> eligible(List<LiveNode> nodes, List<PlacementConstraint> constraints) {
        return matching(nodes, constraints).stream().filter(LiveNode::agentConnected).toList();
    }

    /** The nodes satisfying every memberOf constraint, agent connected or not: those a forwarder should cover. */
    public static List<LiveNode> matching(List<LiveNode> nodes, List<PlacementConstraint> constraints) {
        List<ClusterQuery> queries = constraints.stream().filter(c -> "memberOf".equals(c.type()))
                .map(c -> ClusterQuery.parse(c.expression())).toList();
        return nodes.stream().filter(n -> queries.stream().allMatch(q -> q.matches(n.attributes()))).toList();
    }
}

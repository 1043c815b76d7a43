package dev.logship.web;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryState;
import dev.logship.model.NodeName;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.ForwarderStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A cluster's coverage as {@code /api/v1/clusters/{name}} shows it, with or without telemetry:
 * nodes with a running forwarder ({@code covered}: the most any forwarder runs on), nodes that
 * should run a forwarder and do not ({@code uncoveredNodes}: container instance ARN, EC2 instance
 * id and the forwarders missing there, from the last observation of ECS), and, when telemetry is
 * on, nodes that run one and send nothing ({@code silentNodes}, by the host name they report
 * under; null without telemetry: serve cannot tell).
 */
final class CoverageView {
    private CoverageView() {}

    static Map<String, Object> of(ClusterStatus status, Optional<ClusterDelivery> delivery) {
        Integer covered = null;
        Map<String, Map<String, Object>> uncovered = new TreeMap<>();
        for (ForwarderStatus f : status.forwarders()) {
            if (f.running() != null) {
                covered = covered == null ? f.running() : Math.max(covered, f.running());
            }
            for (NodeName node : f.uncoveredNodes()) {
                Map<String, Object> row = uncovered.computeIfAbsent(node.containerInstanceArn(), arn -> {
                    Map<String, Object> fresh = new LinkedHashMap<>();
                    fresh.put("containerInstanceArn", arn);
                    fresh.put("ec2InstanceId", node.ec2InstanceId());
                    fresh.put("agentConnected", node.agentConnected());
                    fresh.put("forwarders", new ArrayList<String>());
                    return fresh;
                });
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) row.get("forwarders");
                names.add(f.name());
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("covered", covered);
        view.put("uncovered", uncovered.size());
        view.put("uncoveredNodes", List.copyOf(uncovered.values()));
        List<String> silent = delivery.map(CoverageView::silentNodes).orElse(null);
        view.put("silent", silent == null ? null : silent.size());
        view.put("silentNodes", silent);
        return view;
    }

    /** The container instance ARNs of the cluster's nodes that should run a forwarder and run none (or not all) of them. */
    static java.util.Set<String> uncoveredNodes(ClusterStatus status) {
        java.util.Set<String> arns = new TreeSet<>();
        status.forwarders().forEach(f -> f.uncoveredNodes().forEach(n -> arns.add(n.containerInstanceArn())));
        return arns;
    }

    private static List<String> silentNodes(ClusterDelivery delivery) {
        TreeSet<String> nodes = new TreeSet<>();
        delivery.forwarders().forEach(f -> f.nodes().stream().filter(n -> n.state() == DeliveryState.Silent)
                .forEach(n -> nodes.add(n.node())));
        return List.copyOf(nodes);
    }
}

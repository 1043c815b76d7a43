package dev.logship.localecs.clusters;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One cluster with its container instances, services and tasks. */
public final class ClusterState {
    public String name;
    public String arn;
    public String status = "ACTIVE";
    /** Null for a cluster of no particular account (listed to every caller); else the only account and region that list it. */
    public String account;
    public String region;
    /** Container instances by ARN. */
    public Map<String, NodeState> nodes = new LinkedHashMap<>();
    /** Services by name; a name is reused once its service is INACTIVE. */
    public Map<String, ServiceState> services = new LinkedHashMap<>();
    /** Container health of its tasks unless set per task (admin API); null: HEALTHY ({@link ContainerHealth}). */
    public String containerHealth;
    /** When {@link #containerHealth} was set. */
    public Long containerHealthSetAtMillis;
    /** Live tasks and the most recently stopped ones. */
    public List<TaskState> tasks = new ArrayList<>();

    static ClusterState create(String name, String arn) {
        ClusterState cluster = new ClusterState();
        cluster.name = name;
        cluster.arn = arn;
        return cluster;
    }

    public List<NodeState> activeNodes() {
        return nodes.values().stream().filter(n -> n.status.equals("ACTIVE")).toList();
    }

    public List<TaskState> liveTasks() {
        return tasks.stream().filter(t -> !t.stopped()).toList();
    }

    /** Live tasks of a service, any deployment. */
    public List<TaskState> tasksOf(String service) {
        return tasks.stream().filter(t -> !t.stopped() && service.equals(t.serviceName)).toList();
    }

    /** Live tasks of one deployment of a service. */
    public List<TaskState> tasksOf(String service, String deploymentId) {
        return tasksOf(service).stream().filter(t -> deploymentId.equals(t.deploymentId)).toList();
    }
}

package dev.logship.localecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.clusters.Clusters;
import dev.logship.localecs.clusters.ContainerInstances;
import dev.logship.localecs.daemons.DaemonApi;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.services.Services;
import dev.logship.localecs.services.Tasks;
import dev.logship.localecs.taskdefs.TaskDefinitions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Which ECS area serves which action: the one table across clusters, task definitions, services, tasks, tags and daemons. */
final class ActionTable {
    /** Actions that may change state; the state file is written after them. */
    static final Set<String> MUTATING = Set.of("CreateCluster", "DeleteCluster", "RegisterContainerInstance",
            "DeregisterContainerInstance", "UpdateContainerInstancesState", "RegisterTaskDefinition",
            "DeregisterTaskDefinition", "DeleteTaskDefinitions", "CreateService", "UpdateService", "DeleteService",
            "TagResource", "UntagResource", "CreateCapacityProvider", "RegisterDaemonTaskDefinition",
            "DeleteDaemonTaskDefinition", "CreateDaemon", "UpdateDaemon", "DeleteDaemon", "PutAttributes");

    private ActionTable() {}

    static Map<String, Function<Call, ObjectNode>> of(DaemonApi daemons, Clusters clusters, ContainerInstances nodes,
            TaskDefinitions taskDefinitions, Services services, Tasks tasks, TagActions tagActions) {
        Map<String, Function<Call, ObjectNode>> actions = new HashMap<>(daemons.actions());
        actions.putAll(Map.ofEntries(
                Map.entry("CreateCluster", clusters::create),
                Map.entry("DeleteCluster", clusters::delete),
                Map.entry("DescribeClusters", clusters::describe),
                Map.entry("ListClusters", clusters::list),
                Map.entry("RegisterContainerInstance", nodes::register),
                Map.entry("DeregisterContainerInstance", nodes::deregister),
                Map.entry("UpdateContainerInstancesState", nodes::updateState),
                Map.entry("DescribeContainerInstances", nodes::describe),
                Map.entry("ListContainerInstances", nodes::list),
                Map.entry("PutAttributes", nodes::putAttributes),
                Map.entry("RegisterTaskDefinition", taskDefinitions::register),
                Map.entry("DescribeTaskDefinition", taskDefinitions::describe),
                Map.entry("ListTaskDefinitions", taskDefinitions::list),
                Map.entry("ListTaskDefinitionFamilies", taskDefinitions::listFamilies),
                Map.entry("DeregisterTaskDefinition", taskDefinitions::deregister),
                Map.entry("DeleteTaskDefinitions", taskDefinitions::delete),
                Map.entry("CreateService", services::create),
                Map.entry("UpdateService", services::update),
                Map.entry("DeleteService", services::delete),
                Map.entry("DescribeServices", services::describe),
                Map.entry("ListServices", services::list),
                Map.entry("ListTasks", tasks::list),
                Map.entry("DescribeTasks", tasks::describe),
                Map.entry("TagResource", tagActions::tag),
                Map.entry("UntagResource", tagActions::untag),
                Map.entry("ListTagsForResource", tagActions::list)));
        return Map.copyOf(actions);
    }
}

package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.resources.Tags;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * local-ecs's managed daemons and Managed Instances capacity providers: the actions it serves,
 * the scheduler step the engine runs before the service scheduler, and the admin hooks.
 */
public final class DaemonApi {
    /** Daemon and capacity provider actions that may change state. */
    public static final Set<String> MUTATING = Set.of("CreateCapacityProvider", "RegisterDaemonTaskDefinition",
            "DeleteDaemonTaskDefinition", "CreateDaemon", "UpdateDaemon", "DeleteDaemon");
    private final DaemonsState state;
    private final CapacityProviders capacityProviders;
    private final DaemonTaskDefinitions taskDefinitions;
    private final Daemons daemons;
    private final Deployments deployments;
    private final DaemonScheduler scheduler;
    private final Hosts hosts;

    public DaemonApi(DaemonsState state, String account, Tags tags, Hosts hosts, double timeScale) {
        this.state = state;
        this.hosts = hosts;
        DaemonArns arns = new DaemonArns(account);
        DaemonViews views = new DaemonViews(state, hosts);
        capacityProviders = new CapacityProviders(state, arns, tags, hosts);
        taskDefinitions = new DaemonTaskDefinitions(state, arns, tags);
        daemons = new Daemons(state, arns, tags, hosts, capacityProviders, taskDefinitions, views);
        deployments = new Deployments(state, daemons, views);
        scheduler = new DaemonScheduler(state, hosts, taskDefinitions, timeScale);
    }

    public Map<String, Function<Call, ObjectNode>> actions() {
        return Map.ofEntries(
                Map.entry("CreateCapacityProvider", capacityProviders::create),
                Map.entry("DescribeCapacityProviders", capacityProviders::describe),
                Map.entry("RegisterDaemonTaskDefinition", taskDefinitions::register),
                Map.entry("DescribeDaemonTaskDefinition", taskDefinitions::describe),
                Map.entry("ListDaemonTaskDefinitions", taskDefinitions::list),
                Map.entry("DeleteDaemonTaskDefinition", taskDefinitions::delete),
                Map.entry("CreateDaemon", daemons::create),
                Map.entry("UpdateDaemon", daemons::update),
                Map.entry("DescribeDaemon", daemons::describe),
                Map.entry("ListDaemons", daemons::list),
                Map.entry("DeleteDaemon", daemons::delete),
                Map.entry("ListDaemonDeployments", deployments::list),
                Map.entry("DescribeDaemonDeployments", deployments::describe),
                Map.entry("DescribeDaemonRevisions", deployments::describeRevisions));
    }

    /** Starts and replaces daemon tasks and moves deployments on; true when anything changed. */
    public boolean settle(long now) {
        return scheduler.settle(now);
    }

    /** Managed Instances capacity providers associated with the cluster, by name. */
    public List<String> capacityProviderNames(String clusterArn) {
        return capacityProviders.namesIn(clusterArn);
    }

    /** Whether a daemon, daemon task definition or capacity provider with this ARN exists (for tagging). */
    public boolean exists(String arn) {
        return state.daemons.containsKey(arn)
                || state.capacityProviders.values().stream().anyMatch(cp -> cp.arn.equals(arn))
                || (arn.contains(":daemon-task-definition/") && taskDefinitions.findOrNull(arn) != null);
    }

    /** Images of a daemon task definition, so a daemon task shows its containers. */
    public ObjectNode taskDefinition(String arn) {
        return arn.contains(":daemon-task-definition/") ? taskDefinitions.findOrNull(arn) : null;
    }

    /** Creates the Managed Instances provider in the cluster if missing and gives it {@code count} instances. */
    public void setInstances(String clusterArn, String capacityProvider, int count, long now) {
        capacityProviders.ensureManaged(clusterArn, capacityProvider);
        hosts.setInstanceCount(clusterArn, capacityProvider, count, now);
    }
}

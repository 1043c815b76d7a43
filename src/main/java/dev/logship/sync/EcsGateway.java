package dev.logship.sync;

import dev.logship.model.LiveCluster;
import dev.logship.model.LiveService;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What sync needs from ECS for one cluster (its account, region and cluster name are fixed
 * when the gateway is made, see {@link EcsGateways}). Owned here, implemented by {@code aws}.
 * Every method throws {@link GatewayException} when ECS refuses or cannot be reached after
 * the adapter's retries; its message is safe to show (never a route URI).
 */
public interface EcsGateway {

    /**
     * Whether the cluster exists, its node count and its ACTIVE services, each with its task
     * definition resolved. The node count is the exact ACTIVE count when {@code exactActiveNodes}
     * (what a perNodePort forwarder's desiredCount must equal; it may cost a call per cluster),
     * else the registered count (ACTIVE + DRAINING), which adapters may read in batches.
     */
    LiveCluster observe(boolean exactActiveNodes);

    /** Observes with the exact ACTIVE node count. */
    default LiveCluster observe() {
        return observe(true);
    }

    /**
     * The named services that are ACTIVE, as they are now, each with its task definition
     * resolved (no listing: the health check right after a change knows which it wants).
     */
    List<LiveService> services(Collection<String> serviceNames);

    /** ARNs of the ACTIVE revisions of exactly this family, newest first. */
    List<String> activeRevisionArns(String family);

    /** The content of a revision (revisions are immutable, so adapters cache this by ARN). */
    TaskDefinitionSpec describeTaskDefinition(String taskDefinitionArn);

    /**
     * The RegisterTaskDefinition input {@link #register} would send for this spec, as plain data
     * in the shape of a described revision's {@link TaskDefinitionSpec#document()}: what the diff
     * compares field by field.
     */
    Map<String, Object> requestDocument(TaskDefinitionSpec spec);

    /** Registers a new revision with the spec's tags; returns its ARN. */
    String register(TaskDefinitionSpec spec);

    /** Creates the service on the given revision; returns the service ARN. */
    String createService(ServiceSpec spec, String taskDefinitionArn);

    void updateService(String serviceName, ServiceUpdate update);

    /** Deletes the service even if it still runs tasks (force). */
    void deleteService(String serviceName);

    /** Waits until the service is INACTIVE or gone; false when the timeout passed first. */
    boolean awaitServiceGone(String serviceName, Duration timeout);

    void tagResource(String arn, Map<String, String> tags);

    void untagResource(String arn, Set<String> keys);

    void deregister(String taskDefinitionArn);

    /**
     * What the client-side rate limiter holds now for {@code action}'s bucket (revision clean-up
     * runs only from {@link CallBudget#spare() spare} budget); unlimited for adapters that do not pace.
     */
    default CallBudget budget(String action) {
        return CallBudget.UNLIMITED;
    }
}

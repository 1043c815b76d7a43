package dev.logship.localecs.clusters;

/** A container instance (an EC2 node running the ECS agent). */
public final class NodeState {
    public String arn;
    public String id;
    public String ec2InstanceId;
    /** ACTIVE or DRAINING. */
    public String status = "ACTIVE";
    public long registeredAtMillis;
    /** The Managed Instances capacity provider the instance belongs to, if any. */
    public String capacityProviderName;
    /** No new non-daemon task is placed here before this time: the daemon task starts first. */
    public long readyAtMillis;
    /** False after the agent lost its connection (admin API): ECS places no task here, the tasks keep running. */
    public boolean agentConnected = true;
    /** Container instance attributes: the agent's built-in ones (ContainerInstances.builtInAttributes) plus registered ones. */
    public java.util.Map<String, String> attributes = new java.util.TreeMap<>();
}

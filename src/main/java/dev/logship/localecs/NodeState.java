package dev.logship.localecs;

/** A container instance (an EC2 node running the ECS agent). */
final class NodeState {
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
}

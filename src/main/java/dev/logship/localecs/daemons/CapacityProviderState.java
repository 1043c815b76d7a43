package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A capacity provider; only the MANAGED_INSTANCES kind gets instances and daemons. */
final class CapacityProviderState {
    public String name;
    public String arn;
    /** Cluster ARN a Managed Instances provider belongs to (it is usable only there). */
    public String clusterArn;
    /** MANAGED_INSTANCES or EC2_AUTOSCALING. */
    public String type;
    public String status = "ACTIVE";
    /** The request's managedInstancesProvider or autoScalingGroupProvider, as sent. */
    public ObjectNode provider;

    boolean managedInstances() {
        return "MANAGED_INSTANCES".equals(type);
    }
}
